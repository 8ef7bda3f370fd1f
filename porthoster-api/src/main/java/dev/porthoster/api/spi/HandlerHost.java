package dev.porthoster.api.spi;

import dev.porthoster.api.PortSpec;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the broker gives an engine for one handler instance: where the code is, the loop it runs on, the shared store
 * and the log. Implemented by the broker and by the testkit.
 */
public interface HandlerHost {

    /** The entry point this instance serves. */
    PortSpec spec();

    /** The content root; imports are confined to it, read-only. */
    Path contentRoot();

    /** The entry point's file, inside {@link #contentRoot()}. */
    Path file();

    /** The loop every callback of this instance runs on. */
    EventLoop loop();

    /**
     * Which copy of the handler this instance is, from 0, when its manifest asks for several ({@code instances: N}
     * runs N isolated copies, each on a loop of its own); a script reads it as {@code ctx.instance}. 0 by default.
     */
    default int instance() {
        return 0;
    }

    /** The broker-wide shared store behind {@code ctx.shared}. */
    StoreBackend shared();

    /** Where {@code console.*} and {@code ctx.log} go, tagged with this handler. */
    HandlerLog log();

    /**
     * How long one callback may run before the watchdog interrupts it: the manifest's {@code limits.callback}, else
     * the broker's default (5 s unless configured).
     */
    default Duration callbackLimit() {
        return Duration.ofSeconds(5);
    }

    /**
     * The handler's outbound traffic, checked against its manifest's {@code connect} list. By default none: every
     * attempt fails saying this host offers no network.
     */
    default Outbound outbound() {
        return Outbound.none("this host offers handlers no outbound traffic");
    }

    /**
     * The instance stopped itself ({@code reason}: the watchdog, a memory budget) and has closed its connections; the
     * host closes what it opened through {@link #outbound()}, and runs {@code boot} on the loop when the instance may
     * start afresh. Called on the loop. The broker counts
     * restarts and backs off repeated ones exponentially; during the wait the port resets new connections and drops
     * datagrams. By default {@code boot} runs at once.
     */
    default void restartAfterBackoff(String reason, Runnable boot) {
        boot.run();
    }

    /**
     * Fills {@code bytes} with random bytes for {@code crypto.randomBytes}, {@code randomUUID}, {@code randomInt} and
     * {@code getRandomValues}. By default from the JDK's strong source ({@link java.security.SecureRandom}, the DRBG
     * algorithm, one for the JVM); a testkit may give a seeded source instead, so a test can pin what a handler
     * draws. Called on the loop, with at most 64 KiB at a time.
     */
    default void randomBytes(byte[] bytes) {
        SecureSource.INSTANCE.nextBytes(bytes);
    }

    /**
     * The engine found, while loading the handler's modules, code it runs but not as Node does (a difference listed
     * in docs/engines.md). Called on the loop, during the load; by default logged as a warning.
     */
    default void nodeDifference(NodeDifference difference) {
        log().log(HandlerLog.Level.WARN, "differs from Node on this engine: " + difference.message());
    }
}
