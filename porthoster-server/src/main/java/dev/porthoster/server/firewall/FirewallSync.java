package dev.porthoster.server.firewall;

import dev.porthoster.core.Broker;
import dev.porthoster.core.BrokerEvent;
import dev.porthoster.core.HandlerStatus;
import dev.porthoster.core.manifest.Manifest;
import dev.porthoster.core.plan.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the firewall's openings equal to the ports a broker serves: at once when a handler is served or stopped, and
 * every few seconds as a check (a changed manifest rate applies in place without an event). A reload that keeps the
 * port changes nothing in the kernel.
 */
public final class FirewallSync implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.porthoster.firewall");

    private final Nftables table;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "porthoster-firewall");
        t.setDaemon(true);
        return t;
    });
    private volatile Broker broker;
    private String lastFailure;

    public FirewallSync(Nftables table) {
        this.table = table;
    }

    /** A broker listener: sync when a port opens or closes. */
    public void onEvent(BrokerEvent event) {
        if (event instanceof BrokerEvent.HandlerServed || event instanceof BrokerEvent.HandlerStopped) {
            thread.execute(this::syncQuietly);
        }
    }

    /** Starts following {@code started}: syncs now, then every {@code period}. */
    public void follow(Broker started, Duration period) throws FirewallException {
        this.broker = started;
        sync();
        thread.scheduleWithFixedDelay(this::syncQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The openings the broker's served ports need. */
    public static Set<Opening> wanted(Broker broker) {
        Map<Path, Manifest> rules = new HashMap<>();
        for (Plan.EntryPoint e : broker.plan().entryPoints()) {
            rules.put(e.file(), e.rules());
        }
        Set<Opening> out = new HashSet<>();
        for (HandlerStatus s : broker.status()) {
            if (s instanceof HandlerStatus.Serving serving) {
                out.add(Opening.of(serving.spec().protocol(), serving.address().getPort(),
                        rules.getOrDefault(serving.file(), Manifest.defaults())));
            }
        }
        return out;
    }

    private synchronized void sync() throws FirewallException {
        Broker b = broker;
        if (b != null) {
            table.apply(wanted(b));
        }
    }

    private void syncQuietly() {
        try {
            sync();
            lastFailure = null;
        } catch (FirewallException | RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastFailure)) { // once per distinct failure, not every period
                lastFailure = String.valueOf(e.getMessage());
                LOG.log(System.Logger.Level.ERROR, "firewall: " + e.getMessage());
            }
        }
    }

    /** Stops following and removes the table. */
    @Override
    public void close() throws FirewallException {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        table.close();
    }
}
