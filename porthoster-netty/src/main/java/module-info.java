/**
 * The Netty transport for Porthoster: TCP and UDP listeners on Netty event loops (native epoll where available,
 * NIO otherwise). Exports nothing but its provider.
 */
module dev.porthoster.netty {
    requires dev.porthoster.api;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    // TCP_KEEPIDLE on NIO (conn.setKeepAlive with a delay).
    requires jdk.net;

    exports dev.porthoster.netty;

    provides dev.porthoster.api.spi.TransportProvider with dev.porthoster.netty.NettyTransportProvider;
}
