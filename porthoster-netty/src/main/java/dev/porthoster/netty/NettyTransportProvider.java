package dev.porthoster.netty;

import dev.porthoster.api.spi.Transport;
import dev.porthoster.api.spi.TransportProvider;
import dev.porthoster.netty.internal.NettyTransport;

/** Provides the Netty transport, id {@code netty}, priority 100. */
public final class NettyTransportProvider implements TransportProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public NettyTransportProvider() {
    }

    @Override
    public String id() {
        return "netty";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Transport create() {
        return new NettyTransport();
    }
}
