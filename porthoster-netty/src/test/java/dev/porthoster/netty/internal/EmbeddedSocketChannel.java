package dev.porthoster.netty.internal;

import dev.porthoster.api.spi.Transport;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DefaultSocketChannelConfig;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketChannelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Netty's {@link EmbeddedChannel} seen as an accepted TCP socket, with a peer the test drives: what the peer sends
 * ({@link #peerSends}), when it half-closes ({@link #peerEnds}), and whether it reads what is written
 * ({@link #peerStopsReading}, {@link #peerReads}). Output the peer has not read stays in the channel's outbound
 * buffer, as it would in a socket's, so the water marks and the writability events are Netty's own. The socket
 * options (linger, no-delay) land on an unconnected {@link Socket}, so they can be read back.
 */
final class EmbeddedSocketChannel extends EmbeddedChannel implements SocketChannel {

    static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000);
    static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7000);

    private final Socket options = new Socket();
    private final SocketChannelConfig config = new DefaultSocketChannelConfig(this, options);
    private boolean peerReading = true;
    private boolean outputShutdown;
    private boolean inputShutdown;

    private final TcpConnection connection;

    /** A connection accepted by {@code acceptor}, configured as {@link NettyTransport} configures one. */
    EmbeddedSocketChannel(Transport.TcpAcceptor acceptor) throws Exception {
        super(DefaultChannelId.newInstance(), false, false);
        config.setWriteBufferWaterMark(new WriteBufferWaterMark(NettyTransport.LOW_WATER_MARK,
                NettyTransport.HIGH_WATER_MARK));
        config.setAllowHalfClosure(true);
        connection = new TcpConnection(this, acceptor);
        pipeline().addLast(connection);
        register();
    }

    TcpConnection connection() {
        return connection;
    }

    // ---- the peer

    void peerSends(byte[] bytes) {
        writeInbound(io.netty.buffer.Unpooled.wrappedBuffer(bytes));
    }

    void peerEnds() {
        inputShutdown = true;
        pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        runPendingTasks();
    }

    void peerStopsReading() {
        peerReading = false;
    }

    /** The peer takes everything written so far; the buffer empties and writability events run. */
    void peerReads() {
        peerReading = true;
        flush();
        runPendingTasks();
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) throws Exception {
        if (peerReading) {
            super.doWrite(in);
        }
    }

    // ---- a socket's face

    @Override
    public SocketChannelConfig config() {
        return config;
    }

    @Override
    public ServerSocketChannel parent() {
        return null;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return isOpen() ? PEER : null;
    }

    @Override
    public InetSocketAddress localAddress() {
        return isOpen() ? LOCAL : null;
    }

    @Override
    public boolean isInputShutdown() {
        return inputShutdown;
    }

    @Override
    public ChannelFuture shutdownInput() {
        return shutdownInput(newPromise());
    }

    @Override
    public ChannelFuture shutdownInput(ChannelPromise promise) {
        inputShutdown = true;
        return promise.setSuccess();
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown;
    }

    @Override
    public ChannelFuture shutdownOutput() {
        return shutdownOutput(newPromise());
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        outputShutdown = true;
        return promise.setSuccess();
    }

    @Override
    public boolean isShutdown() {
        return inputShutdown && outputShutdown;
    }

    @Override
    public ChannelFuture shutdown() {
        return shutdown(newPromise());
    }

    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        inputShutdown = true;
        outputShutdown = true;
        return promise.setSuccess();
    }

    /** Releases what is left in the channel and the socket that held its options. */
    void release() {
        finishAndReleaseAll();
        try {
            options.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
