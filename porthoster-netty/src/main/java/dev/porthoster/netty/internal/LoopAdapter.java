package dev.porthoster.netty.internal;

import dev.porthoster.api.spi.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A Netty event loop seen through the {@link EventLoop} SPI. */
record LoopAdapter(io.netty.channel.EventLoop netty) implements EventLoop {

    @Override
    public boolean inEventLoop() {
        return netty.inEventLoop();
    }

    @Override
    public void execute(Runnable task) {
        netty.execute(task);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        ScheduledFuture<?> f = netty.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public long nowMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }
}
