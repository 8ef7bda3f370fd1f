package dev.porthoster.netty.internal;

import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.EdgeRefusal;
import dev.porthoster.api.spi.TcpEdge;
import dev.porthoster.api.spi.Transport;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A new connection's way to its handler through the port's {@link TcpEdge}, in front of its {@link TcpConnection} until
 * the handler has it, then gone from the pipeline:
 * <ol>
 *   <li>with PROXY, a source that is not a trusted proxy is reset before a byte of it is read; a trusted one must
 *       send a header ({@link ProxyHeaderReader}, then Netty's decoder) within the time limit, and the client it
 *       names becomes the connection's {@link TcpConnection#remoteAddress()};</li>
 *   <li>the acceptor screens the connection by that address (for TLS, before any handshake: a refused source costs
 *       none);</li>
 *   <li>with TLS, an {@link SslHandler} is put in front of this handler, and the connection is handed to its handler
 *       once the handshake succeeded.</li>
 * </ol>
 * Every refusal on the way is told to the acceptor with its {@link EdgeRefusal reason}; nothing of a refused
 * connection reaches the handler, not even its close.
 */
final class ConnectionEdge extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger("dev.porthoster.netty");

    /** Where the connection is on its way. */
    private enum Stage { PROXY_HEADER, HANDSHAKE, OPEN, REFUSED }

    private final TcpConnection connection;
    private final TcpEdge edge;
    private final Transport.TcpAcceptor acceptor;
    private final TlsContexts tlsContexts;
    private Stage stage;
    private ScheduledFuture<?> headerTimer;
    private SslHandler ssl;
    private Transport.Admitted admitted;

    ConnectionEdge(TcpConnection connection, TcpEdge edge, Transport.TcpAcceptor acceptor, TlsContexts tlsContexts) {
        this.connection = connection;
        this.edge = edge;
        this.acceptor = acceptor;
        this.tlsContexts = tlsContexts;
    }

    /** Added to an active channel by its {@link TcpConnection}: starts at once. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        try {
            if (edge.proxy().isEmpty()) {
                screen(ctx);
                return;
            }
            TcpEdge.Proxy proxy = edge.proxy().get();
            stage = Stage.PROXY_HEADER;
            if (!proxy.trusted().test(ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress a
                    ? a.getAddress() : null)) {
                refuse(ctx, EdgeRefusal.PROXY_UNTRUSTED, "");
                return;
            }
            ctx.pipeline().addBefore(ctx.name(), "proxy-header", new ProxyHeaderReader(this));
            headerTimer = ctx.executor().schedule(() -> {
                if (stage == Stage.PROXY_HEADER) {
                    refuse(ctx, EdgeRefusal.PROXY_TIMEOUT, "");
                }
            }, Math.max(1, proxy.headerTimeout().toMillis()), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "accepting a connection from " + ctx.channel().remoteAddress() + " failed; closing it", e);
            stage = Stage.REFUSED;
            ctx.close();
        }
    }

    /** After the PROXY header, if any: screens, then hands over now (plain) or after the TLS handshake. */
    private void screen(ChannelHandlerContext ctx) {
        if (edge.tls().isEmpty()) {
            open(ctx, acceptor.accept(connection));
            return;
        }
        Optional<Transport.Admitted> passed = acceptor.screen(connection);
        if (passed.isEmpty()) {
            stage = Stage.REFUSED; // the acceptor reset it
            return;
        }
        admitted = passed.get();
        stage = Stage.HANDSHAKE;
        try {
            ssl = tlsContexts.newHandler(edge.tls().get(), ctx.alloc());
        } catch (SSLException | RuntimeException e) {
            refuse(ctx, EdgeRefusal.TLS_FAILED, "no TLS context: " + e.getMessage());
            return;
        }
        ctx.pipeline().addBefore(ctx.name(), "tls", ssl);
    }

    private void open(ChannelHandlerContext ctx, ConnectionEvents events) {
        stage = Stage.OPEN;
        ctx.pipeline().remove(this);
        connection.open(events, Optional.ofNullable(ssl));
    }

    /**
     * Refuses the connection by {@code reason}: before screening it is reset and told to the acceptor; after (a failed
     * handshake) the acceptor releases its screening and it is closed.
     */
    void refuse(ChannelHandlerContext ctx, EdgeRefusal reason, String detail) {
        if (stage == Stage.REFUSED || stage == Stage.OPEN) {
            return;
        }
        boolean screened = stage == Stage.HANDSHAKE;
        stage = Stage.REFUSED;
        if (headerTimer != null) {
            headerTimer.cancel(false);
        }
        try {
            if (screened) {
                admitted.refused(reason, detail);
            } else {
                acceptor.refused(connection.socketPeer(), reason, detail);
            }
        } finally {
            if (!screened && ctx.channel().isOpen()) {
                ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            }
            ctx.channel().close(); // through the channel: ctx may be a reader's that has left the pipeline
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HAProxyMessage header) {
            try {
                proxyHeader(ctx, header);
            } finally {
                header.release();
            }
            return;
        }
        ReferenceCountUtil.release(msg); // nothing else arrives before the handshake; never the handler's
    }

    private void proxyHeader(ChannelHandlerContext ctx, HAProxyMessage header) {
        if (stage != Stage.PROXY_HEADER) {
            return;
        }
        headerTimer.cancel(false);
        switch (ProxyHeaders.client(header)) {
            case ProxyHeaders.Client.Named named -> connection.proxied(named.address());
            case ProxyHeaders.Client.Proxy proxy -> { } // LOCAL, or not an IP client: the proxy's own address
            case ProxyHeaders.Client.Refused refused -> {
                refuse(ctx, EdgeRefusal.PROXY_MALFORMED, refused.why());
                return;
            }
        }
        screen(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && stage == Stage.HANDSHAKE) {
            if (done.isSuccess()) {
                ConnectionEvents events;
                try {
                    connection.secured(TlsSessions.of(ssl));
                    events = admitted.accept();
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "accepting a connection from " + ctx.channel().remoteAddress()
                            + " failed; closing it", e);
                    stage = Stage.REFUSED;
                    ctx.close();
                    return;
                }
                open(ctx, events);
            } else {
                HandshakeFailures.Failure f = HandshakeFailures.classify(done.cause());
                refuse(ctx, f.reason(), f.detail());
            }
        } else if (evt instanceof ChannelInputShutdownEvent && stage == Stage.PROXY_HEADER) {
            refuse(ctx, EdgeRefusal.PROXY_MISSING, "the proxy closed before its header was complete");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (stage == Stage.PROXY_HEADER && cause instanceof io.netty.handler.codec.DecoderException) {
            // Netty's decoder refused the header (and closes); the cause says why
            refuse(ctx, EdgeRefusal.PROXY_MALFORMED, String.valueOf(cause.getCause() != null
                    ? cause.getCause().getMessage() : cause.getMessage()));
        } else if (stage == Stage.PROXY_HEADER) { // the socket failed, a reset by the proxy say
            refuse(ctx, EdgeRefusal.PROXY_MISSING, "the proxy broke off before sending a header: " + cause.getMessage());
        } else {
            ctx.close(); // a handshake's outcome comes as an SslHandshakeCompletionEvent
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (stage == Stage.PROXY_HEADER) {
            refuse(ctx, EdgeRefusal.PROXY_MISSING, "the proxy closed before sending a header");
        } else if (stage == Stage.HANDSHAKE) {
            refuse(ctx, EdgeRefusal.TLS_CLOSED, "");
        }
        // Not passed on: the handler never had the connection, so it gets no close.
    }
}
