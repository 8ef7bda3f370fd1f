package dev.porthoster.api.spi;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One loaded copy of a handler module, pinned to its host's {@link EventLoop}. Every method must be called on that
 * loop. A failure inside handler code never escapes as an exception: it closes the connection or drops the datagram
 * concerned and is reported to the handler's log.
 */
public interface HandlerInstance {

    /** Runs the module's optional {@code open(ctx)}; completes exceptionally when it throws or rejects. */
    CompletionStage<Void> open();

    /** Hands a screened TCP connection to {@code handle(conn, ctx)} and returns where its events go. */
    ConnectionEvents accept(Connection connection);

    /** Hands a screened datagram to {@code message(msg, rinfo, ctx)}; {@code ctx.reply} goes through {@code replies}. */
    void message(Datagram datagram, DatagramReplies replies);

    /** Aborts {@code ctx.signal}: the instance stops getting new work (on reload or shutdown). */
    void abort(String reason);

    /**
     * Stops the instance and starts it afresh, as the watchdog does with a runaway callback: a callback running now is
     * cancelled, open connections are closed, timers dropped, and a new copy of the module boots once
     * {@link HandlerHost#restartAfterBackoff} allows. Callable from any thread (the broker's memory guard calls it).
     *
     * @param reason why, for the log: {@code "kept 80 MiB, over its 64 MiB budget"}
     */
    void restart(String reason);

    /**
     * Measures the heap this instance's code retains (its globals, closures, arrays, strings, what its timers hold),
     * counting no further than a little past {@code stopAtBytes}. Empty when the engine cannot measure. Callable from
     * any thread: the broker's memory guard calls it from its own; the engine walks where it safely can (GraalJS from
     * a thread of its own, Rhino on the instance's loop between callbacks), so the answer may take a while.
     */
    CompletionStage<OptionalLong> measureHeap(long stopAtBytes);

    /** Runs the optional {@code close(ctx)}, then releases the instance. */
    CompletionStage<Void> close();

    /**
     * Every file this instance's code was read from: the handler and each module it imported. The broker reloads the
     * instance when one of them changes. May be called from any thread.
     */
    Set<Path> sources();
}
