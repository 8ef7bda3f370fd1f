package dev.porthoster.netty.internal;

import dev.porthoster.api.TlsSession;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
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
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * One accepted TCP connection: the {@link Connection} the engine drives, and the Netty handler that turns channel
 * events into {@link ConnectionEvents}, all on the channel's loop. A failure inside the handler's callbacks closes
 * this connection and never the loop.
 *
 * <p>At a port with an edge (PROXY, TLS) a {@link ConnectionEdge} stands in front of it until the handler has the
 * connection; this class then learns the client a PROXY header named ({@link #proxied}) and the TLS session
 * ({@link #secured}), and sees only what the handler may see.
 */
final class TcpConnection extends ChannelInboundHandlerAdapter implements Connection {

    /**
     * Unsent output past this is a handler that ignores {@code write() === false}; it is destroyed rather than
     * allowed to grow the heap without bound.
     */
    static final long MAX_PENDING_OUTPUT = 16L << 20;

    private static final System.Logger LOG = System.getLogger("dev.porthoster.netty");

    private final SocketChannel ch;
    private final Transport.TcpAcceptor acceptor;
    private final TlsContexts tlsContexts;
    private ConnectionEvents events = ConnectionEvents.IGNORE;
    /** The client: the socket's peer, or the one a trusted PROXY header named. */
    private InetSocketAddress remote;
    private Optional<TlsSession> tls = Optional.empty();
    /** The TLS layer in front, if any: {@link #end()} sends its close_notify. */
    private Optional<SslHandler> ssl = Optional.empty();
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

    // ---- the edge's side

    /** A trusted PROXY header named the client. */
    void proxied(InetSocketAddress client) {
        remote = client;
    }

    /** The TLS handshake succeeded with {@code session}. */
    void secured(TlsSession session) {
        tls = Optional.of(session);
    }

    /** The edge handed the connection over: its events go to {@code handed} from now on. */
    void open(ConnectionEvents handed, Optional<SslHandler> tlsLayer) {
        events = handed;
        ssl = tlsLayer;
    }

    /** The socket's own peer (the load balancer's address on a PROXY port). */
    InetSocketAddress socketPeer() {
        return ch.remoteAddress();
    }

    // ---- events from Netty

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        try {
            TcpEdge edge = acceptor.edge();
            if (!edge.equals(TcpEdge.NONE)) {
                ctx.pipeline().addBefore(ctx.name(), "edge", new ConnectionEdge(this, edge, acceptor, tlsContexts));
                return;
            }
            events = acceptor.accept(this);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "accepting a connection from " + ch.remoteAddress() + " failed; closing it", e);
            events = ConnectionEvents.IGNORE;
            ch.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        byte[] bytes;
        try {
            bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
        } finally {
            buf.release();
        }
        deliver(() -> events.onData(bytes));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // TLS close_notify says what a FIN says on plain TCP: the peer will send nothing more.
        if ((evt instanceof ChannelInputShutdownEvent || evt instanceof SslCloseCompletionEvent) && !inputEnded) {
            inputEnded = true;
            deliver(events::onEnd);
            if (outputEnded) {
                ch.close();
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ch.isWritable()) {
            deliver(events::onDrain);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
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
    public InetSocketAddress localAddress() {
        return ch.localAddress();
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
     * which is heap too. Once the output is shut down (the handler ended its side, after everything queued went out)
     * nothing is unsent.
     */
    @Override
    public long unsentBytes() {
        if (!ch.isOpen() || ch.isOutputShutdown()) {
            return 0; // after shutdownOutput Netty drops the outbound buffer, and its distances mean nothing
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
            } else if (ssl.isPresent()) {
                ssl.get().closeOutbound().addListener(done -> ch.shutdownOutput());
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
