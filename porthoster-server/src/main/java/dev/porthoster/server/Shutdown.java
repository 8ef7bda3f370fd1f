package dev.porthoster.server;

import dev.porthoster.core.Broker;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT: the first stops accepting, aborts every {@code ctx.signal}, lets connections drain up to the
 * broker's drain timeout, runs every {@code close(ctx)} and exits 0; a second one exits at once (status 130).
 */
final class Shutdown {

    private static final Logger LOG = Logger.getLogger("dev.porthoster.broker");

    private Shutdown() {
    }

    static void onSignals(Broker broker, Runnable stopped) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (!stopping.compareAndSet(false, true)) {
                    LOG.warning("second SIG" + signal.getName() + ": exiting now without waiting for connections");
                    Runtime.getRuntime().halt(130);
                }
                LOG.info("SIG" + signal.getName() + ": stopping; open connections get the drain timeout to finish "
                        + "(send it again to exit at once)");
                Thread t = new Thread(() -> {
                    broker.close();
                    LOG.info("stopped");
                    stopped.run();
                    System.exit(0);
                }, "porthoster-stop");
                t.start();
            });
        }
    }
}
