package dev.porthoster.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The UDP socket's work per datagram, on an embedded channel: what a refused datagram costs, what arrives whole. */
class UdpSocketTest {

    private static final InetSocketAddress PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5300);

    /** Records what the socket hands over; admits by a rule; replies "ok" to each datagram it receives. */
    private static final class Receiver implements Transport.DatagramReceiver {
        final Predicate<InetSocketAddress> rule;
        final List<Datagram> received = new ArrayList<>();
        final List<String> batches = new ArrayList<>();
        EmbeddedChannel channel;
        boolean flushedBeforeBatchEnd;

        Receiver(Predicate<InetSocketAddress> rule) {
            this.rule = rule;
        }

        @Override
        public boolean admit(InetSocketAddress sender) {
            return rule.test(sender);
        }

        @Override
        public void receive(Datagram datagram, DatagramSender replies) {
            received.add(datagram);
            replies.send("ok".getBytes(StandardCharsets.UTF_8), datagram.sender());
            flushedBeforeBatchEnd |= !channel.outboundMessages().isEmpty();
        }

        @Override
        public void endOfBatch(int count, boolean more) {
            batches.add(count + (more ? " more" : " drained"));
        }
    }

    private static InetSocketAddress from(String ip) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), 40000);
    }

    private static DatagramPacket packet(int size, InetSocketAddress sender) {
        return new DatagramPacket(Unpooled.buffer(size).writeZero(size), PORT, sender);
    }

    private static EmbeddedChannel channel(UdpSocket socket, Receiver receiver) {
        EmbeddedChannel ch = new EmbeddedChannel(socket);
        receiver.channel = ch;
        return ch;
    }

    @Test
    void aRefusedDatagramIsReleasedBeforeItsPayloadIsCopied() throws Exception {
        InetSocketAddress flooder = from("192.0.2.1");
        Receiver receiver = new Receiver(sender -> !sender.equals(flooder));
        EmbeddedChannel ch = channel(new UdpSocket(receiver, true), receiver);
        DatagramPacket refused = packet(100, flooder);
        ByteBuf content = refused.content();
        ch.writeInbound(refused, packet(5, from("192.0.2.2")));
        assertEquals(0, content.refCnt(), "released at once");
        assertEquals(0, content.readerIndex(), "never read: nothing was copied");
        assertEquals(1, receiver.received.size());
        assertEquals(from("192.0.2.2"), receiver.received.get(0).sender());
    }

    @Test
    void aDatagramArrivesWholeAndOneThatFilledItsSlotIsDroppedNotDeliveredCut() throws Exception {
        Receiver receiver = new Receiver(sender -> true);
        UdpSocket socket = new UdpSocket(receiver, true);
        EmbeddedChannel ch = channel(socket, receiver);
        ch.writeInbound(packet(65_527, from("2001:db8::1")), packet(UdpSocket.SLOT, from("192.0.2.2")));
        assertEquals(1, receiver.received.size());
        assertEquals(65_527, receiver.received.get(0).payload().length);
        assertEquals(1, socket.cutDatagrams());
    }

    @Test
    void repliesWrittenDuringABatchLeaveTogetherWhenItEnds() throws Exception {
        Receiver receiver = new Receiver(sender -> true);
        EmbeddedChannel ch = channel(new UdpSocket(receiver, true), receiver);
        ch.writeInbound(packet(3, from("192.0.2.1")), packet(3, from("192.0.2.2")), packet(3, from("192.0.2.3")));
        assertTrue(!receiver.flushedBeforeBatchEnd, "nothing left before the batch ended");
        assertEquals(3, ch.outboundMessages().size(), "all three left when it did");
        DatagramPacket first = ch.readOutbound();
        assertEquals(from("192.0.2.1"), first.recipient());
        first.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void aBatchThatReachesTheReadLimitSaysMoreMayBeWaiting() throws Exception {
        Receiver receiver = new Receiver(sender -> false);
        EmbeddedChannel ch = channel(new UdpSocket(receiver, true), receiver);
        Object[] full = new Object[UdpSocket.MAX_DATAGRAMS_PER_READ_EPOLL];
        for (int i = 0; i < full.length; i++) {
            full[i] = packet(1, from("192.0.2.1"));
        }
        ch.writeInbound(full);
        ch.writeInbound(packet(1, from("192.0.2.1")));
        assertEquals(List.of(full.length + " more", "1 drained"), receiver.batches);
    }
}
