package dev.porthoster.netty.internal;

import dev.porthoster.api.TlsSession;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.EdgeRefusal;
import dev.porthoster.api.spi.TcpEdge;
import dev.porthoster.api.spi.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One accepted TCP connection: the {@link Connection} the engine drives, and the Netty handler that turns channel
 * events into {@link ConnectionEvents}, all on the channel's loop. A failure inside the handler's callbacks closes
 * this connection and never the loop.
 *
 * <p>At a port with an edge ({@link TcpEdge}) a connection goes through stages before its handler sees it: a source
 * that is not a trusted proxy is reset at once; a trusted one must send a PROXY header ({@link ProxyHeaderReader}, then
 * Netty's decoder) within the time limit, whose client address becomes {@link #remoteAddress()}; then the acceptor
 * screens it by that address; then, for TLS, an {@link SslHandler} is put in front of this handler and the connection
 * is handed over once the handshake succeeded. Every refusal on the way is reported to the acceptor by reason.
 */
final class TcpConnection extends ChannelInboundHandlerAdapter implements Connection {

    /**
     * Unsent output past this is a handler that ignores {@code write() === false}; it is destroyed rather than
     * allowed to grow the heap without bound.
     */
    static final long MAX_PENDING_OUTPUT = 16L << 20;

    private static final System.Logger LOG = System.getLogger("dev.porthoster.netty");

    /** Where a connection is on its way to the handler. */
    private enum Stage { NEW, PROXY_HEADER, HANDSHAKE, OPEN, REFUSED }

    private final SocketChannel ch;
    private final Transport.TcpAcceptor acceptor;
    private final TlsContexts tlsContexts;
    private ConnectionEvents events = ConnectionEvents.IGNORE;
    private Stage stage = Stage.NEW;
    private TcpEdge edge = TcpEdge.NONE;
    /** The client: the socket's peer, or the source a trusted PROXY header named. */
    private InetSocketAddress remote;
    private Optional<TlsSession> tls = Optional.empty();
    private SslHandler ssl;
    private Transport.Admitted admitted;
    private ScheduledFuture<?> headerTimer;
    /** Plaintext that arrived between the handshake and the handover, if any; bounded by what TLS delivers at once. */
    private ArrayDeque<byte[]> early;
    private boolean inputEnded;
    private boolean outputEnded;
    private boolean closedDelivered;
    /** At most one error reaches the handler, as with Node's {@code net.Socket}; later failures are fallout. */
    private boolean failed;

    TcpConnection(SocketChannel ch, Transport.TcpAcceptor acceptor) {
        this(ch, acceptor, new TlsContexts());
    }

    /** @param tlsContexts the listener's TLS contexts, one per certificate */
    TcpConnection(SocketChannel ch, Transport.TcpAcceptor acceptor, TlsContexts tlsContexts) {
        this.ch = ch;
        this.acceptor = acceptor;
        this.tlsContexts = tlsContexts;
    }

    // ---- events from Netty

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = ch.remoteAddress();
        try {
            edge = acceptor.edge();
            if (edge.proxy().isPresent()) {
                TcpEdge.Proxy proxy = edge.proxy().get();
                if (!proxy.trusted().test(remote.getAddress())) {
                    refuseAtEdge(EdgeRefusal.PROXY_UNTRUSTED, "");
                    return;
                }
                stage = Stage.PROXY_HEADER;
                ctx.pipeline().addBefore(ctx.name(), "proxy-header", new ProxyHeaderReader(this));
                headerTimer = ctx.executor().schedule(() -> {
                    if (stage == Stage.PROXY_HEADER) {
                        refuseAtEdge(EdgeRefusal.PROXY_TIMEOUT, "");
                    }
                }, Math.max(1, proxy.headerTimeout().toMillis()), TimeUnit.MILLISECONDS);
                return;
            }
            screen(ctx);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "accepting a connection from " + ch.remoteAddress() + " failed; closing it", e);
            stage = Stage.REFUSED;
            events = ConnectionEvents.IGNORE;
            ch.close();
        }
    }

    /** After the PROXY header, if any: screens, then hands over now (plain) or after the TLS handshake. */
    private void screen(ChannelHandlerContext ctx) {
        if (edge.tls().isEmpty()) {
            stage = Stage.OPEN;
            events = acceptor.accept(this);
            return;
        }
        Optional<Transport.Admitted> passed = acceptor.screen(this);
        if (passed.isEmpty()) {
            stage = Stage.REFUSED; // the acceptor reset it
            return;
        }
        admitted = passed.get();
        stage = Stage.HANDSHAKE;
        try {
            ssl = tlsContexts.newHandler(edge.tls().get(), ch.alloc());
        } catch (javax.net.ssl.SSLException | RuntimeException e) {
            refuseAdmitted(EdgeRefusal.TLS_FAILED, "no TLS context: " + e.getMessage());
            return;
        }
        ctx.pipeline().addBefore(ctx.name(), "tls", ssl);
    }

    /** Refuses a connection before it was screened: counted by the acceptor, reset. */
    void refuseAtEdge(EdgeRefusal reason, String detail) {
        if (stage == Stage.REFUSED || stage == Stage.OPEN || stage == Stage.HANDSHAKE) {
            return;
        }
        stage = Stage.REFUSED;
        cancelHeaderTimer();
        try {
            acceptor.refused(ch.remoteAddress(), reason, detail);
        } finally {
            resetQuietly();
        }
    }

    /** Refuses a screened connection whose handshake failed: counted by the acceptor, closed. */
    private void refuseAdmitted(EdgeRefusal reason, String detail) {
        if (stage != Stage.HANDSHAKE) {
            return;
        }
        stage = Stage.REFUSED;
        try {
            admitted.refused(reason, detail);
        } finally {
            ch.close();
        }
    }

    private void resetQuietly() {
        if (ch.isOpen()) {
            try {
                ch.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (RuntimeException e) {
                // closing anyway
            }
            ch.close();
        }
    }

    private void cancelHeaderTimer() {
        if (headerTimer != null) {
            headerTimer.cancel(false);
            headerTimer = null;
        }
    }

    private void proxyHeader(ChannelHandlerContext ctx, HAProxyMessage header) {
        if (stage != Stage.PROXY_HEADER) {
            return;
        }
        cancelHeaderTimer();
        switch (ProxyHeaders.client(header)) {
            case ProxyHeaders.Client.Named named -> remote = named.address();
            case ProxyHeaders.Client.Proxy proxy -> { } // LOCAL or an address that is not IP: the proxy's own
            case ProxyHeaders.Client.Refused refused -> {
                refuseAtEdge(EdgeRefusal.PROXY_MALFORMED, refused.why());
                return;
            }
        }
        screen(ctx);
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
        ByteBuf buf = (ByteBuf) msg;
        byte[] bytes;
        try {
            bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
        } finally {
            buf.release();
        }
        if (stage == Stage.OPEN) {
            deliver(() -> events.onData(bytes));
        } else if (stage == Stage.HANDSHAKE) {
            if (early == null) {
                early = new ArrayDeque<>();
            }
            early.add(bytes);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            handshake(done);
            return;
        }
        if (evt instanceof SslCloseCompletionEvent && stage == Stage.OPEN && !inputEnded) {
            // close_notify: the peer will send nothing more, as a FIN says on plain TCP
            inputEnded = true;
            deliver(events::onEnd);
            if (outputEnded) {
                ch.close();
            }
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent && stage != Stage.OPEN) {
            if (stage == Stage.PROXY_HEADER) {
                refuseAtEdge(EdgeRefusal.PROXY_MISSING, "the proxy closed before its header was complete");
            }
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent && !inputEnded) {
            inputEnded = true;
            deliver(events::onEnd);
            if (outputEnded) {
                ch.close();
            }
        }
    }

    private void handshake(SslHandshakeCompletionEvent done) {
        if (stage != Stage.HANDSHAKE) {
            return;
        }
        if (!done.isSuccess()) {
            HandshakeFailures.Failure f = HandshakeFailures.classify(done.cause());
            refuseAdmitted(f.reason(), f.detail());
            return;
        }
        tls = Optional.of(TlsSessions.of(ssl));
        stage = Stage.OPEN;
        try {
            events = admitted.accept();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "accepting a connection from " + ch.remoteAddress() + " failed; closing it", e);
            events = ConnectionEvents.IGNORE;
            ch.close();
            return;
        }
        ArrayDeque<byte[]> waiting = early;
        early = null;
        while (waiting != null && !waiting.isEmpty() && stage == Stage.OPEN) {
            byte[] bytes = waiting.poll();
            deliver(() -> events.onData(bytes));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (stage == Stage.OPEN && ch.isWritable()) {
            deliver(events::onDrain);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        switch (stage) {
            case OPEN -> fail(cause);
            // Netty's decoder refused the header (and closes); the cause says why.
            case PROXY_HEADER -> refuseAtEdge(EdgeRefusal.PROXY_MALFORMED, String.valueOf(
                    cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage()));
            // The handshake's outcome comes as an SslHandshakeCompletionEvent; anything else closes.
            default -> ch.close();
        }
    }

    /**
     * Reports one failure to the handler and closes. Writes still queued when the channel closes fail too; with a
     * void promise Netty reports each of them here, and they must not replace the failure that caused the close.
     */
    private void fail(Throwable cause) {
        if (!failed && !closedDelivered) {
            failed = true;
            deliver(() -> events.onError(cause.getMessage() != null ? cause
                    : new IOException(cause.getClass().getSimpleName(), cause)));
        }
        ch.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelHeaderTimer();
        if (stage == Stage.PROXY_HEADER) {
            refuseAtEdge(EdgeRefusal.PROXY_MISSING, "the proxy closed before sending a header");
        } else if (stage == Stage.HANDSHAKE) {
            refuseAdmitted(EdgeRefusal.TLS_CLOSED, "");
        }
        if (stage != Stage.OPEN) {
            return;
        }
        if (!closedDelivered) {
            closedDelivered = true;
            deliver(events::onClose);
        }
    }

    private void deliver(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "a connection event from " + ch.remoteAddress() + " failed; closing the connection", e);
            ch.close();
        }
    }

    // ---- the engine's side

    @Override
    public InetSocketAddress remoteAddress() {
        return remote != null ? remote : ch.remoteAddress();
    }

    @Override
    public Optional<TlsSession> tls() {
        return tls;
    }

    @Override
    public int localPort() {
        return ch.localAddress().getPort();
    }

    @Override
    public boolean write(byte[] bytes) {
        if (!ch.isActive() || outputEnded) {
            return false;
        }
        if (unsentBytes() + bytes.length > MAX_PENDING_OUTPUT) {
            fail(new IOException("unsent output passed " + (MAX_PENDING_OUTPUT >> 20)
                    + " MiB; the handler did not wait for 'drain', so the connection was destroyed"));
            return false;
        }
        ch.writeAndFlush(Unpooled.wrappedBuffer(bytes), ch.voidPromise());
        return ch.isWritable();
    }

    @Override
    public boolean isWritable() {
        return ch.isWritable();
    }

    /**
     * Exact from the water marks, without reaching into Netty's unsafe outbound buffer: while writable the distance
     * to the high mark says how much is queued, while not the distance to the low mark does. Netty counts each
     * distance one past the mark (writability flips on crossing it, not on reaching it), hence the one taken off.
     * The figure is Netty's pending size: the bytes plus a small overhead per queued write (96 bytes by default),
     * which is heap too.
     */
    @Override
    public long unsentBytes() {
        if (!ch.isOpen()) {
            return 0;
        }
        return ch.isWritable()
                ? NettyTransport.HIGH_WATER_MARK + 1 - ch.bytesBeforeUnwritable()
                : NettyTransport.LOW_WATER_MARK - 1 + ch.bytesBeforeWritable();
    }

    @Override
    public void end() {
        if (outputEnded || !ch.isActive()) {
            return;
        }
        outputEnded = true;
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
            if (inputEnded) {
                ch.close(); // with TLS, the SslHandler sends close_notify first
            } else if (ssl != null) {
                ssl.closeOutbound().addListener(done -> ch.shutdownOutput());
            } else {
                ch.shutdownOutput();
            }
        });
    }

    @Override
    public void destroy() {
        failed = true;
        ch.close();
    }

    @Override
    public void destroy(Exception error) {
        fail(error);
    }

    @Override
    public void reset() {
        if (ch.isOpen()) {
            failed = true;
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
            ch.close();
        }
    }

    @Override
    public void setReading(boolean reading) {
        ch.config().setAutoRead(reading);
    }

    @Override
    public void setNoDelay(boolean noDelay) {
        ch.config().setOption(ChannelOption.TCP_NODELAY, noDelay);
    }

    @Override
    public void setKeepAlive(boolean enable, long initialDelayMillis) {
        ch.config().setOption(ChannelOption.SO_KEEPALIVE, enable);
        if (enable && initialDelayMillis > 0) {
            int seconds = (int) Math.min(Integer.MAX_VALUE, (initialDelayMillis + 999) / 1000);
            if (ch instanceof io.netty.channel.epoll.EpollSocketChannel) {
                ch.config().setOption(io.netty.channel.epoll.EpollChannelOption.TCP_KEEPIDLE, seconds);
            } else {
                ch.config().setOption(io.netty.channel.socket.nio.NioChannelOption.of(
                        jdk.net.ExtendedSocketOptions.TCP_KEEPIDLE), seconds);
            }
        }
    }
}
