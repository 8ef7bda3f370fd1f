package dev.porthoster.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.OutboundException;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.Dialer;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.Transport;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transport as a dialer, on real loopback sockets: an outbound connection lives on the handler's loop with the
 * same events as an accepted one, a failed connect says why in Node's terms, and an outbound UDP socket sends at once
 * and hands back only what its receiver admits.
 */
class NettyDialerLoopbackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final NettyTransport transport = new NettyTransport();
    private final Transport.Loop loop = transport.newLoop("dialer-test");

    @AfterEach
    void close() {
        transport.close();
    }

    /** Records a connector's outcome and the connection's events, noting whether each came on the loop. */
    private final class Recorder implements Dialer.Connector {
        final CompletableFuture<Connection> made = new CompletableFuture<>();
        final CompletableFuture<OutboundException> failed = new CompletableFuture<>();
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public ConnectionEvents connected(Connection connection) {
            events.add("connected on loop " + loop.inEventLoop());
            made.complete(connection);
            return new ConnectionEvents() {
                @Override
                public void onData(byte[] bytes) {
                    events.add("data " + new String(bytes, StandardCharsets.UTF_8) + " on loop " + loop.inEventLoop());
                }

                @Override
                public void onEnd() {
                    events.add("end");
                }

                @Override
                public void onDrain() {
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
        }

        @Override
        public void failed(OutboundException failure) {
            events.add("failed on loop " + loop.inEventLoop());
            failed.complete(failure);
        }
    }

    private EventLoop.Cancellable dial(InetSocketAddress to, Duration timeout, Recorder recorder) throws Exception {
        CompletableFuture<EventLoop.Cancellable> handle = new CompletableFuture<>();
        loop.execute(() -> handle.complete(transport.connectTcp(to, loop, timeout, recorder)));
        return handle.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anOutboundConnectionCarriesBytesBothWaysWithItsEventsOnTheLoop() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK)) {
            Recorder recorder = new Recorder();
            dial((InetSocketAddress) server.getLocalSocketAddress(), Duration.ofSeconds(5), recorder);
            try (Socket peer = server.accept()) {
                peer.setSoTimeout(10_000);
                Connection c = recorder.made.get(10, TimeUnit.SECONDS);
                assertEquals("connected on loop true", recorder.events.poll(10, TimeUnit.SECONDS));
                assertEquals(server.getLocalPort(), c.remoteAddress().getPort());
                assertEquals(peer.getPort(), c.localPort(), "localPort is the connection's own, ephemeral port");
                peer.getOutputStream().write("hi".getBytes(StandardCharsets.UTF_8));
                assertEquals("data hi on loop true", recorder.events.poll(10, TimeUnit.SECONDS));
                loop.execute(() -> {
                    c.write("back".getBytes(StandardCharsets.UTF_8));
                    c.end();
                });
                InputStream in = peer.getInputStream();
                assertEquals("back", new String(in.readNBytes(4), StandardCharsets.UTF_8));
                assertEquals(-1, in.read());
                peer.shutdownOutput();
                assertEquals("end", recorder.events.poll(10, TimeUnit.SECONDS));
                assertEquals("close", recorder.events.poll(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aConnectToAPortWithNothingListeningFailsWithEconnrefusedOnTheLoop() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        Recorder recorder = new Recorder();
        dial(new InetSocketAddress(LOOPBACK, port), Duration.ofSeconds(5), recorder);
        OutboundException e = recorder.failed.get(10, TimeUnit.SECONDS);
        assertEquals("ECONNREFUSED", e.code());
        assertEquals("connect ECONNREFUSED 127.0.0.1:" + port, e.getMessage());
        assertEquals("failed on loop true", recorder.events.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aCancelledAttemptReportsNothing() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        Recorder recorder = new Recorder();
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        loop.execute(() -> {
            transport.connectTcp(new InetSocketAddress(LOOPBACK, port), loop, Duration.ofSeconds(5), recorder).cancel();
            cancelled.complete(null);
        });
        cancelled.get(10, TimeUnit.SECONDS);
        // A connect the test knows completes after the cancelled one: then nothing may have come for the first.
        Recorder later = new Recorder();
        dial(new InetSocketAddress(LOOPBACK, port), Duration.ofSeconds(5), later);
        later.failed.get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> settled = new CompletableFuture<>();
        loop.execute(() -> settled.complete(null));
        settled.get(10, TimeUnit.SECONDS);
        assertNull(recorder.events.poll(), "a cancelled attempt is never reported");
    }

    @Test
    void anOutboundUdpSocketSendsBeforeItIsBoundAndHandsBackOnlyWhatItsReceiverAdmits() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(0, LOOPBACK); DatagramSocket stranger = new DatagramSocket(0, LOOPBACK)) {
            peer.setSoTimeout(10_000);
            BlockingQueue<String> arrived = new LinkedBlockingQueue<>();
            Transport.DatagramReceiver receiver = new Transport.DatagramReceiver() {
                @Override
                public boolean admit(InetSocketAddress sender) {
                    return sender.getPort() == peer.getLocalPort();
                }

                @Override
                public void receive(Datagram datagram, DatagramSender replies) {
                    arrived.add(new String(datagram.payload(), StandardCharsets.UTF_8) + " on loop " + loop.inEventLoop());
                }
            };
            CompletableFuture<Dialer.DatagramEndpoint> opened = new CompletableFuture<>();
            loop.execute(() -> {
                Dialer.DatagramEndpoint endpoint = transport.openUdp(false, loop, receiver);
                // sent in the same task that opened the socket, before its bind can have completed
                endpoint.send("query".getBytes(StandardCharsets.UTF_8), (InetSocketAddress) peer.getLocalSocketAddress());
                opened.complete(endpoint);
            });
            Dialer.DatagramEndpoint endpoint = opened.get(10, TimeUnit.SECONDS);
            DatagramPacket got = new DatagramPacket(new byte[100], 100);
            peer.receive(got);
            assertEquals("query", new String(got.getData(), 0, got.getLength(), StandardCharsets.UTF_8));
            byte[] junk = "junk".getBytes(StandardCharsets.UTF_8);
            stranger.send(new DatagramPacket(junk, junk.length, got.getSocketAddress()));
            byte[] answer = "answer".getBytes(StandardCharsets.UTF_8);
            peer.send(new DatagramPacket(answer, answer.length, got.getSocketAddress()));
            assertEquals("answer on loop true", arrived.poll(10, TimeUnit.SECONDS));
            assertNull(arrived.poll(), "the stranger's datagram was not admitted");
            loop.execute(endpoint::close);
            assertNotNull(got.getSocketAddress());
            assertTrue(((InetSocketAddress) got.getSocketAddress()).getPort() > 0);
        }
    }
}
