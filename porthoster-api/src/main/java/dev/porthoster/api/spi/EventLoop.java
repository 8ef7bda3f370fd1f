package dev.porthoster.api.spi;

import java.util.concurrent.Executor;

/**
 * A single thread that runs a handler instance's callbacks one at a time, as Node's event loop does. Implemented by
 * the transport (a Netty event loop) or by the testkit (a virtual-clock loop).
 */
public interface EventLoop extends Executor {

    /** Whether the calling thread is this loop's thread. */
    boolean inEventLoop();

    /** Runs {@code task} on this loop after at least {@code delayMillis}; the returned handle cancels it. */
    Cancellable schedule(Runnable task, long delayMillis);

    /** Milliseconds of this loop's clock, monotonic; the testkit's virtual clock drives it by hand. */
    long nowMillis();

    /** A scheduled task that can still be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not run; harmless otherwise. */
        void cancel();
    }
}
