/**
 * The Netty transport for Porthoster: TCP and UDP listeners on Netty event loops (native epoll where available,
 * NIO otherwise), with PROXY protocol headers (Netty's HAProxy codec) and TLS termination (Netty's SslHandler over the
 * JDK's provider) at a port's edge. Exports nothing but its provider.
 */
module dev.porthoster.netty {
    requires dev.porthoster.api;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.haproxy;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    // TCP_KEEPIDLE on NIO (conn.setKeepAlive with a delay).
    requires jdk.net;

    exports dev.porthoster.netty;

    provides dev.porthoster.api.spi.TransportProvider with dev.porthoster.netty.NettyTransportProvider;
}
