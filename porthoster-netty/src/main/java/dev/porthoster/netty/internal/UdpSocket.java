package dev.porthoster.netty.internal;

import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;

/** A bound UDP socket: each datagram goes to the receiver on the socket's loop; replies leave from the same socket. */
final class UdpSocket extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final System.Logger LOG = System.getLogger("dev.porthoster.netty");

    private final Transport.DatagramReceiver receiver;
    private DatagramSender sender;

    UdpSocket(Transport.DatagramReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        sender = (payload, to) -> {
            Runnable send = () -> ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(payload), to), ch.voidPromise());
            if (ch.eventLoop().inEventLoop()) {
                send.run();
            } else {
                ch.eventLoop().execute(send);
            }
        };
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] bytes = new byte[packet.content().readableBytes()];
        packet.content().readBytes(bytes);
        InetSocketAddress from = packet.sender();
        try {
            receiver.receive(new Datagram(bytes, from), sender);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "a datagram from " + from + " could not be handled; dropped", e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port-unreachable and the like surface here; the socket keeps serving.
        LOG.log(Level.DEBUG, "udp socket " + ctx.channel().localAddress() + ": " + cause);
    }
}
