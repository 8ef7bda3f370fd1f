package dev.porthoster.netty.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.Transport;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport on real loopback sockets, for what an embedded channel cannot show: the native (or NIO) read path
 * with the shared receive buffer, and a TCP connection's bytes, half-close and reply through the kernel.
 */
class NettyTransportLoopbackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** The largest UDP payload IPv4 carries. */
    private static final int LARGEST_IPV4_PAYLOAD = 65_507;

    private final NettyTransport transport = new NettyTransport();
    private final Transport.Loop loop = transport.newLoop("test");

    @AfterEach
    void close() {
        transport.close();
    }

    /** Hands what arrives to the test thread; admits only what it is told to. */
    private static final class Inbox implements Transport.DatagramReceiver {
        final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        final int refusedPort;

        Inbox(int refusedPort) {
            this.refusedPort = refusedPort;
        }

        @Override
        public boolean admit(InetSocketAddress sender) {
            return sender.getPort() != refusedPort;
        }

        @Override
        public void receive(Datagram datagram, DatagramSender replies) {
            arrived.add(datagram);
            replies.send(("got " + datagram.payload().length).getBytes(StandardCharsets.UTF_8), datagram.sender());
        }

        @Override
        public void endOfBatch(int count, boolean more) {
        }
    }

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    @Test
    void theLargestDatagramArrivesWholeAndItsReplyReturnsToItsSender() throws Exception {
        Inbox inbox = new Inbox(-1);
        Transport.Listener listener = transport.bindUdp(new InetSocketAddress(LOOPBACK, 0), loop, inbox);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            client.setSoTimeout(10_000);
            byte[] big = pattern(LARGEST_IPV4_PAYLOAD);
            client.send(new DatagramPacket(big, big.length, listener.localAddress()));
            client.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, listener.localAddress()));
            Datagram first = (Datagram) inbox.arrived.poll(10, TimeUnit.SECONDS);
            Datagram second = (Datagram) inbox.arrived.poll(10, TimeUnit.SECONDS);
            assertNotNull(first);
            assertNotNull(second);
            assertArrayEquals(big, first.payload(), "whole, byte for byte");
            assertArrayEquals(new byte[] {1, 2, 3}, second.payload());
            assertEquals(client.getLocalSocketAddress(), first.sender());
            DatagramPacket reply = new DatagramPacket(new byte[100], 100);
            client.receive(reply);
            assertEquals("got " + LARGEST_IPV4_PAYLOAD, new String(reply.getData(), 0, reply.getLength(),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void aDatagramFromARefusedSourceNeverReachesTheReceiver() throws Exception {
        try (DatagramSocket refused = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                DatagramSocket admitted = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            Inbox inbox = new Inbox(refused.getLocalPort());
            Transport.Listener listener = transport.bindUdp(new InetSocketAddress(LOOPBACK, 0), loop, inbox);
            refused.send(new DatagramPacket(new byte[] {9}, 1, listener.localAddress()));
            refused.send(new DatagramPacket(new byte[] {9}, 1, listener.localAddress()));
            admitted.send(new DatagramPacket(new byte[] {1}, 1, listener.localAddress()));
            Datagram first = (Datagram) inbox.arrived.poll(10, TimeUnit.SECONDS);
            assertNotNull(first);
            assertEquals(admitted.getLocalSocketAddress(), first.sender());
            assertTrue(inbox.arrived.isEmpty(), "nothing from the refused source: " + inbox.arrived);
        }
    }

    @Test
    void aTcpConnectionCarriesBytesBothWaysAndReportsHalfCloseThenClose() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Transport.Listener listener = transport.bindTcp(new InetSocketAddress(LOOPBACK, 0), loop, c -> {
            events.add("accept " + (c.localPort() > 0));
            return new ConnectionEvents() {
                final StringBuilder received = new StringBuilder();

                @Override
                public void onData(byte[] bytes) {
                    received.append(new String(bytes, StandardCharsets.UTF_8));
                }

                @Override
                public void onEnd() {
                    events.add("end after " + received);
                    c.write(("echo " + received).getBytes(StandardCharsets.UTF_8));
                    c.end();
                }

                @Override
                public void onDrain() {
                    events.add("drain");
                }

                @Override
                public void onError(Throwable error) {
                    events.add("error " + error.getMessage());
                }

                @Override
                public void onClose() {
                    events.add("close");
                }
            };
        });
        try (Socket client = new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort())) {
            client.setSoTimeout(10_000);
            OutputStream out = client.getOutputStream();
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.flush();
            client.shutdownOutput();
            InputStream in = client.getInputStream();
            assertEquals("echo hello", new String(in.readAllBytes(), StandardCharsets.UTF_8), "then EOF");
        }
        assertEquals("accept true", events.poll(10, TimeUnit.SECONDS));
        assertEquals("end after hello", events.poll(10, TimeUnit.SECONDS));
        assertEquals("close", events.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aConnectionThatStopsReadingLeavesTheBytesInTheKernelUntilItReadsAgain() throws Exception {
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        AtomicLong received = new AtomicLong();
        Transport.Listener listener = transport.bindTcp(new InetSocketAddress(LOOPBACK, 0), loop, c -> {
            c.setReading(false);
            accepted.add(c);
            return new ConnectionEvents() {
                @Override
                public void onData(byte[] bytes) {
                    received.addAndGet(bytes.length);
                }

                @Override
                public void onEnd() {
                }

                @Override
                public void onDrain() {
                }

                @Override
                public void onError(Throwable error) {
                }

                @Override
                public void onClose() {
                }
            };
        });
        try (SocketChannel client = SocketChannel.open(listener.localAddress())) {
            Connection conn = accepted.poll(10, TimeUnit.SECONDS);
            assertNotNull(conn);
            client.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            long sent = 0;
            // Until the kernel's buffers on both sides are full: the server is not reading.
            for (int stalls = 0; stalls < 20 && sent < (256L << 20); ) {
                chunk.clear();
                int n = client.write(chunk);
                sent += n;
                if (n == 0) {
                    stalls++;
                    Thread.onSpinWait();
                } else {
                    stalls = 0;
                }
            }
            assertTrue(sent < (256L << 20), "the client could write without end: the server read after all");
            onLoop(() -> { });
            assertEquals(0, received.get(), "nothing was delivered while reading was off");
            onLoop(() -> conn.setReading(true));
            client.configureBlocking(true);
            client.shutdownOutput();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.get() < sent && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(sent, received.get(), "every byte arrived once reading resumed");
        }
    }

    @Test
    void setKeepAliveTurnsOnTheKernelsKeepAliveWithTheAskedIdleTime() throws Exception {
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        Transport.Listener listener = transport.bindTcp(new InetSocketAddress(LOOPBACK, 0), loop, c -> {
            accepted.add(c);
            return ConnectionEvents.IGNORE;
        });
        try (SocketChannel client = SocketChannel.open(listener.localAddress())) {
            Connection conn = accepted.poll(10, TimeUnit.SECONDS);
            assertNotNull(conn);
            int port = listener.localAddress().getPort();
            assertTrue(!sockets(port).contains("keepalive"), sockets(port));
            onLoop(() -> conn.setKeepAlive(true, 1500)); // Node's initialDelay in ms: rounded up to 2 s (ss: 1.9xx)
            String after = sockets(port);
            assertTrue(after.matches("(?s).*timer:\\(keepalive,(1\\.9|2).*"), after);
        }
    }

    /** What {@code ss} shows of the server side of connections on {@code port}: timers included. */
    private static String sockets(int port) throws Exception {
        Process ss = new ProcessBuilder("ss", "-tno", "state", "established", "( sport = :" + port + " )")
                .redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(ss.waitFor(10, TimeUnit.SECONDS));
        return out;
    }

    /** Runs a task on the handler's loop and waits for it, so every event queued before it has been delivered. */
    @Test
    void nothingCountsAsUnsentOnceTheHandlerEndedItsSideAndTheFinLeft() throws Exception {
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        Transport.Listener listener = transport.bindTcp(new InetSocketAddress(LOOPBACK, 0), loop, c -> {
            c.write("bye".getBytes(StandardCharsets.UTF_8));
            c.end();
            accepted.add(c);
            return ConnectionEvents.IGNORE;
        });
        try (Socket client = new Socket(listener.localAddress().getAddress(), listener.localAddress().getPort())) {
            client.setSoTimeout(10_000);
            assertEquals("bye", new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    "then EOF, the client's side still open");
            Connection conn = accepted.poll(10, TimeUnit.SECONDS);
            assertNotNull(conn);
            long[] unsent = {-1};
            onLoop(() -> unsent[0] = conn.unsentBytes());
            assertEquals(0, unsent[0], "the output is shut down: Netty has no outbound buffer left to count");
        }
    }

    private void onLoop(Runnable task) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            task.run();
            done.countDown();
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
    }
}
