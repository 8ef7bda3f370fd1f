package dev.porthoster.netty.internal;

import dev.porthoster.api.spi.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.Collections;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The child group of a TCP listener: registers each accepted connection on the loop the port's {@link Transport.Spread}
 * picks for it, so one listener feeds several loops (the copies of a handler) and the choice can change while the
 * listener stays bound. Netty's server bootstrap asks its child group nothing but {@code register}; the loops belong
 * to the transport, so this group owns nothing and shutting it down does nothing.
 */
final class SpreadGroup extends AbstractEventExecutorGroup implements EventLoopGroup {

    private final Transport.Spread spread;
    private final Function<dev.porthoster.api.spi.EventLoop, EventLoop> netty;

    SpreadGroup(Transport.Spread spread, Function<dev.porthoster.api.spi.EventLoop, EventLoop> netty) {
        this.spread = spread;
        this.netty = netty;
    }

    @Override
    public EventLoop next() {
        return netty.apply(spread.next());
    }

    @Override
    public ChannelFuture register(Channel channel) {
        return next().register(channel);
    }

    @Override
    public ChannelFuture register(ChannelPromise promise) {
        return next().register(promise);
    }

    @Deprecated
    @Override
    @SuppressWarnings("deprecation") // Netty's own deprecated form, delegated as it is
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        return next().register(channel, promise);
    }

    @Override
    public Iterator<EventExecutor> iterator() {
        return Collections.emptyIterator();
    }

    @Override
    public boolean isShuttingDown() {
        return false;
    }

    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        return terminationFuture();
    }

    @Override
    public Future<?> terminationFuture() {
        return GlobalEventExecutor.INSTANCE.newSucceededFuture(null);
    }

    @Deprecated
    @Override
    public void shutdown() {
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }
}
