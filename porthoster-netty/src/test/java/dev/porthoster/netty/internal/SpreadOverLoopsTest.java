package dev.porthoster.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.Transport;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A port served by several loops (a handler's {@code instances}): TCP connections go to the loop the port's spread
 * picks; UDP datagrams are spread by source (a socket per loop with {@code SO_REUSEPORT} on epoll, one socket whose
 * datagrams hop to the loop their source hashes to on NIO), so one source stays on one loop and its replies come back
 * from the port; the loops can change while the port stays bound. Real loopback sockets.
 */
class SpreadOverLoopsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private NettyTransport transport;

    @AfterEach
    void close() {
        if (transport != null) {
            transport.close();
        }
    }

    private NettyTransport transport(String kind) {
        if (kind.equals("epoll")) {
            assumeTrue(Epoll.isAvailable(), () -> "native epoll is unavailable here: " + Epoll.unavailabilityCause());
        }
        transport = new NettyTransport(kind.equals("epoll"));
        return transport;
    }

    /** Which loop's thread runs now, out of {@code loops}; -1 for none. */
    private static int whichLoop(List<? extends EventLoop> loops) {
        for (int i = 0; i < loops.size(); i++) {
            if (loops.get(i).inEventLoop()) {
                return i;
            }
        }
        return -1;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"epoll", "nio"})
    void eachTcpConnectionLivesOnTheLoopTheSpreadPicked(String kind) throws Exception {
        NettyTransport t = transport(kind);
        List<Transport.Loop> loops = List.of(t.newLoop("a"), t.newLoop("b"), t.newLoop("c"));
        AtomicInteger picks = new AtomicInteger();
        BlockingQueue<Integer> pickedThenLanded = new LinkedBlockingQueue<>();
        int[] picked = new int[1];
        Transport.Listener listener = t.bindTcp(new InetSocketAddress(LOOPBACK, 0), () -> {
            picked[0] = picks.getAndIncrement() % loops.size();
            return loops.get(picked[0]);
        }, c -> {
            pickedThenLanded.add(whichLoop(loops));
            c.write("hi\n".getBytes(StandardCharsets.UTF_8));
            return ConnectionEvents.IGNORE;
        });
        List<Integer> landed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            try (Socket s = new Socket(LOOPBACK, listener.localAddress().getPort())) {
                s.setSoTimeout(10_000);
                assertEquals('h', s.getInputStream().read(), "answered on its loop");
                landed.add(pickedThenLanded.poll(10, TimeUnit.SECONDS));
            }
        }
        assertEquals(List.of(0, 1, 2, 0, 1, 2), landed, "round robin as the spread answered, on the loop it named");
    }

    /** Records, per source, the loops its datagrams reached; answers each from the socket it came in on. */
    private static final class ByLoop implements Transport.DatagramReceiver {
        final List<? extends EventLoop> loops;
        final Map<InetSocketAddress, Set<Integer>> seen = new HashMap<>();
        final Map<InetSocketAddress, List<Integer>> order = new HashMap<>();

        ByLoop(List<? extends EventLoop> loops) {
            this.loops = loops;
        }

        @Override
        public boolean admit(InetSocketAddress sender) {
            return true;
        }

        @Override
        public void receive(Datagram datagram, DatagramSender replies) {
            int loop = whichLoop(loops);
            synchronized (this) {
                seen.computeIfAbsent(datagram.sender(), s -> new HashSet<>()).add(loop);
                order.computeIfAbsent(datagram.sender(), s -> new ArrayList<>()).add((int) datagram.payload()[0]);
            }
            replies.send(new byte[] {datagram.payload()[0], (byte) loop}, datagram.sender());
        }
    }

    /** Sends {@code count} numbered datagrams from {@code client} and returns the loop each reply names. */
    private static List<Integer> exchange(DatagramSocket client, InetSocketAddress port, int count) throws IOException {
        List<Integer> loops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            client.send(new DatagramPacket(new byte[] {(byte) i}, 1, port));
            DatagramPacket reply = new DatagramPacket(new byte[2], 2);
            client.receive(reply);
            assertEquals(port, reply.getSocketAddress(), "the reply comes from the port the datagram went to");
            assertEquals(i, reply.getData()[0]);
            loops.add((int) reply.getData()[1]);
        }
        return loops;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"epoll", "nio"})
    void theDatagramsOfOneSourceStayInOrderOnOneLoopAndSourcesSpreadOverAll(String kind) throws Exception {
        NettyTransport t = transport(kind);
        List<Transport.Loop> loops = List.of(t.newLoop("a"), t.newLoop("b"));
        ByLoop receiver = new ByLoop(loops);
        Transport.UdpListener listener = t.bindUdp(new InetSocketAddress(LOOPBACK, 0), loops, receiver);
        assertEquals(kind.equals("epoll") ? 2 : 1, ((UdpPort) listener).sockets());
        InetSocketAddress port = new InetSocketAddress(LOOPBACK, listener.localAddress().getPort());
        Set<Integer> used = new HashSet<>();
        // 32 sources: that all of them hash to one loop of two has odds of 2^-31.
        for (int s = 0; s < 32; s++) {
            try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                client.setSoTimeout(10_000);
                List<Integer> answered = exchange(client, port, 10);
                assertEquals(1, new HashSet<>(answered).size(), "one source, one loop: " + answered);
                used.addAll(answered);
                synchronized (receiver) {
                    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                            receiver.order.get((InetSocketAddress) client.getLocalSocketAddress()), "in order");
                }
            }
        }
        assertEquals(Set.of(0, 1), used, "sources reach both loops");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"epoll", "nio"})
    void aUdpPortGrowsAndShrinksWithoutClosing(String kind) throws Exception {
        NettyTransport t = transport(kind);
        Transport.Loop a = t.newLoop("a");
        Transport.Loop b = t.newLoop("b");
        Transport.Loop c = t.newLoop("c");
        List<Transport.Loop> all = List.of(a, b, c);
        ByLoop receiver = new ByLoop(all);
        Transport.UdpListener listener = t.bindUdp(new InetSocketAddress(LOOPBACK, 0), List.of(a), receiver);
        InetSocketAddress port = new InetSocketAddress(LOOPBACK, listener.localAddress().getPort());
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            client.setSoTimeout(10_000);
            assertEquals(List.of(0, 0), exchange(client, port, 2));
            listener.spread(all);
            assertEquals(kind.equals("epoll") ? 3 : 1, ((UdpPort) listener).sockets());
            assertEquals(port.getPort(), listener.localAddress().getPort());
            Set<Integer> used = new HashSet<>();
            for (int s = 0; s < 48 && used.size() < 3; s++) {
                try (DatagramSocket other = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                    other.setSoTimeout(10_000);
                    used.addAll(exchange(other, port, 1));
                }
            }
            assertEquals(Set.of(0, 1, 2), used, "after growing, sources reach the new loops too");
            listener.spread(List.of(a));
            assertEquals(1, ((UdpPort) listener).sockets());
            assertEquals(List.of(0, 0, 0), exchange(client, port, 3), "after shrinking, the first loop answers all");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"epoll", "nio"})
    void aUdpPortAnotherSocketHoldsIsRefusedNotShared(String kind) throws Exception {
        NettyTransport t = transport(kind);
        // Held as a second broker would hold it: with SO_REUSEADDR and SO_REUSEPORT, which alone would let a bind share.
        try (java.nio.channels.DatagramChannel holder = java.nio.channels.DatagramChannel.open()) {
            holder.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
            holder.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
            holder.bind(new InetSocketAddress(LOOPBACK, 0));
            int held = ((InetSocketAddress) holder.getLocalAddress()).getPort();
            IOException e = assertThrows(IOException.class, () -> t.bindUdp(new InetSocketAddress(LOOPBACK, held),
                    List.of(t.newLoop("a")), new ByLoop(List.of())));
            assertTrue(e.getMessage().startsWith("cannot bind udp 127.0.0.1:" + held), e.getMessage());
        }
    }
}
