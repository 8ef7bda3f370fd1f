package dev.porthoster.netty.internal;

import dev.porthoster.api.spi.Addresses;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;

/**
 * A bound UDP socket. Datagrams are read in batches ({@link #MAX_DATAGRAMS_PER_READ_EPOLL} per read, {@code recvmmsg} on
 * epoll) into a {@link ReceiveBuffer reused buffer} with room for the largest datagram, so each arrives whole. Each is
 * first {@linkplain Transport.DatagramReceiver#admit screened by its source alone}: a refused one is released at once,
 * before its payload is copied or anything else is made for it; an admitted one is copied out (exactly its length)
 * and handed on. Replies written during a batch leave together when it ends ({@code sendmmsg} on epoll).
 */
final class UdpSocket extends ChannelInboundHandlerAdapter {

    /**
     * Room for one datagram: more than the largest UDP payload IP can carry (65,507 bytes over IPv4, 65,527 over
     * IPv6 without jumbograms), so a datagram that fills it was cut, which cannot happen on a standard stack.
     */
    static final int SLOT = 65_536;
    /**
     * Datagrams read before the loop turns to other work (epoll: four {@code recvmmsg} calls; NIO reads one per call and
     * holds them all until the read ends, so it reads fewer); a read that reaches it means datagrams are queueing.
     */
    static final int MAX_DATAGRAMS_PER_READ_EPOLL = 64;
    static final int MAX_DATAGRAMS_PER_READ_NIO = ReceiveBuffer.SLOTS;
    /** Asked of the kernel so that bursts queue instead of being dropped (Linux caps it at net.core.rmem_max). */
    static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    /** Replies queued in a batch are sent once this many are waiting. */
    private static final int FLUSH_EVERY = 32;
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private static final System.Logger LOG = System.getLogger("dev.porthoster.netty");

    private final Transport.DatagramReceiver receiver;
    private final int maxDatagramsPerRead;
    /** Made once, so that the receiver sees the same sender for every datagram of this socket. */
    private final DatagramSender sender = this::send;
    private Channel channel;
    /** Inside a read batch: replies are written now and flushed when it ends. Loop thread only. */
    private boolean reading;
    private int readInBatch;
    private int unflushed;
    private long cut;
    private long cutLoggedAt = System.nanoTime() - LOG_EVERY_NANOS;
    private long cutUnlogged;
    private long repliesDropped;
    private long repliesLoggedAt = System.nanoTime() - LOG_EVERY_NANOS;
    private long repliesUnlogged;

    UdpSocket(Transport.DatagramReceiver receiver, boolean epoll) {
        this.receiver = receiver;
        this.maxDatagramsPerRead = epoll ? MAX_DATAGRAMS_PER_READ_EPOLL : MAX_DATAGRAMS_PER_READ_NIO;
    }

    /** The socket options a UDP port gets. */
    static Bootstrap configure(Bootstrap b, boolean epoll) {
        b.option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER_BYTES)
                .option(ChannelOption.RCVBUF_ALLOCATOR, epoll
                        ? new ReceiveBuffer(MAX_DATAGRAMS_PER_READ_EPOLL, false)
                        : new ReceiveBuffer(MAX_DATAGRAMS_PER_READ_NIO, true))
                // A batch of replies waits for its flush; only a socket that cannot send makes them pile up.
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 4 << 20));
        if (epoll) {
            b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, SLOT);
        }
        return b;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Known before the channel is active: an outbound socket's bind succeeds before channelActive is fired, and
        // what was sent meanwhile goes out from the bind's listener.
        channel = ctx.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        Integer granted = channel.config().getOption(ChannelOption.SO_RCVBUF);
        LOG.log(Level.DEBUG, "udp {0}: receive buffer of {1} bytes granted ({2} asked)",
                channel.localAddress(), granted, RECEIVE_BUFFER_BYTES);
        if (granted != null && granted < RECEIVE_BUFFER_BYTES) {
            LOG.log(Level.INFO, "udp {0}: the kernel granted a receive buffer of {1} bytes, less than the {2} asked, so "
                    + "shorter bursts of datagrams are dropped before the broker sees them; on Linux raise "
                    + "net.core.rmem_max to at least {2}", channel.localAddress(), granted, RECEIVE_BUFFER_BYTES);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        reading = true;
        readInBatch++;
        InetSocketAddress from = packet.sender();
        try {
            if (!receiver.admit(from)) {
                return;
            }
            ByteBuf content = packet.content();
            int length = content.readableBytes();
            if (length >= SLOT) {
                cut(from);
                return;
            }
            byte[] bytes = new byte[length];
            content.getBytes(content.readerIndex(), bytes);
            receiver.receive(new Datagram(bytes, from), sender);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "a datagram from " + from + " could not be handled; dropped", e);
        } finally {
            packet.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        int read = readInBatch;
        readInBatch = 0;
        reading = false;
        try {
            receiver.endOfBatch(read, read >= maxDatagramsPerRead);
        } finally {
            flushReplies();
        }
        ctx.fireChannelReadComplete();
    }

    private void flushReplies() {
        if (unflushed > 0) {
            unflushed = 0;
            channel.flush();
        }
    }

    /** Sends from this socket; on the loop, or moved there. */
    private void send(byte[] payload, InetSocketAddress to) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> send(payload, to));
            return;
        }
        if (!channel.isWritable()) {
            replyDropped(to);
            return;
        }
        DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(payload), to);
        if (reading) {
            channel.write(packet, channel.voidPromise());
            if (++unflushed >= FLUSH_EVERY) {
                flushReplies();
            }
        } else {
            channel.writeAndFlush(packet, channel.voidPromise());
        }
    }

    /** Sends from this socket, on its loop; the socket must be active (bound). */
    DatagramSender sender() {
        return sender;
    }

    /** Datagrams dropped because they filled their whole receive slot, since the socket opened. */
    long cutDatagrams() {
        return cut;
    }

    /** Replies dropped because the socket's output was backed up, since the socket opened. */
    long droppedReplies() {
        return repliesDropped;
    }

    /** A datagram filled its whole slot, so its end may be missing: dropped, counted, logged at most every 10 s. */
    private void cut(InetSocketAddress from) {
        cut++;
        cutUnlogged++;
        long now = System.nanoTime();
        if (now - cutLoggedAt >= LOG_EVERY_NANOS) {
            LOG.log(Level.WARNING, "udp " + channel.localAddress() + ": dropped a datagram from "
                    + Addresses.text(from.getAddress()) + " that filled the " + SLOT + "-byte receive slot and may "
                    + "have been cut (" + cutUnlogged + " since the last such line, " + cut + " in all)");
            cutLoggedAt = now;
            cutUnlogged = 0;
        }
    }

    /** The socket's output is backed up past the high-water mark: the reply is dropped, as the kernel would drop it. */
    private void replyDropped(InetSocketAddress to) {
        repliesDropped++;
        repliesUnlogged++;
        long now = System.nanoTime();
        if (now - repliesLoggedAt >= LOG_EVERY_NANOS) {
            LOG.log(Level.WARNING, "udp " + channel.localAddress() + ": dropped a reply to "
                    + Addresses.text(to.getAddress()) + ": more than 4 MiB of replies are waiting to be sent ("
                    + repliesUnlogged + " since the last such line, " + repliesDropped + " in all)");
            repliesLoggedAt = now;
            repliesUnlogged = 0;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port-unreachable and the like surface here; the socket keeps serving.
        LOG.log(Level.DEBUG, "udp socket " + ctx.channel().localAddress() + ": " + cause);
    }
}
