package dev.porthoster.netty.internal;

import dev.porthoster.api.spi.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A single-thread Netty event loop seen through the {@link Transport.Loop} SPI. Its group has exactly one loop, so
 * closing the group stops exactly this thread.
 */
record LoopAdapter(EventLoopGroup group, io.netty.channel.EventLoop netty) implements Transport.Loop {

    LoopAdapter(EventLoopGroup group) {
        this(group, group.next());
    }

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

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
