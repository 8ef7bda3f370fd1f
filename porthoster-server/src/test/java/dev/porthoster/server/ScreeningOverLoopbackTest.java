package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Screening in front of real sockets. Distinct sources are distinct loopback addresses (127.0.0.2, 127.0.0.3, ::1),
 * which Linux routes to the broker like any other peer.
 */
class ScreeningOverLoopbackTest {

    private static final String GREETER = "export function handle(conn) { conn.write('served\\n'); }\n";

    @TempDir
    Path root;

    private Broker broker;
    private int port;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private void serve(String protocol, String handler, String manifest, String bind) throws IOException {
        port = FreePorts.next();
        Files.writeString(root.resolve("svc." + protocol + "." + port + ".port.js"), handler);
        Files.writeString(root.resolve("svc." + protocol + "." + port + ".port.json"), manifest);
        broker = Broker.builder(root).bindAddress(InetAddress.getByName(bind)).build().start();
        assertEquals(1, broker.status().size());
        assertTrue(broker.status().get(0) instanceof dev.porthoster.core.HandlerStatus.Serving, () -> broker.status().toString());
    }

    /** Connects from {@code source}; true when the handler's greeting arrives, false when the broker reset or closed. */
    private boolean servedFrom(String source, String target) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            s.connect(new InetSocketAddress(InetAddress.getByName(target), port), 5000);
            s.setSoTimeout(5000);
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
            return "served".equals(line);
        } catch (SocketException reset) {
            return false;
        }
    }

    @Test
    void deniedSourceIsResetAndNeverReachesTheHandler() throws IOException {
        serve("tcp", """
                let handled = 0;
                export function handle(conn) { conn.write(`served ${++handled}\\n`); }
                """, "{\"deny\": [\"127.0.0.2/32\"]}", "127.0.0.1");
        for (int i = 0; i < 3; i++) {
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
                s.setSoTimeout(5000);
                assertEquals(-1, s.getInputStream().read(), "a refused connection gets no byte");
            } catch (SocketException reset) {
                assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
            }
        }
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(5000);
            assertEquals("served 1", new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine(),
                    "the handler ran once: for the allowed source only");
        }
        assertEquals(Map.of("denied", 3L), broker.refusals().get("tcp/" + port));
    }

    @Test
    void floodFromOneSourceDoesNotStopAnother() throws IOException {
        serve("tcp", GREETER, "{\"rate\": {\"perSource\": \"5/s\", \"burst\": 10}}", "127.0.0.1");
        int abuserServed = 0;
        int goodServed = 0;
        for (int i = 0; i < 100; i++) {
            if (servedFrom("127.0.0.2", "127.0.0.1")) {
                abuserServed++;
            }
            if (i % 12 == 0 && servedFrom("127.0.0.3", "127.0.0.1")) {
                goodServed++;
            }
        }
        assertEquals(9, goodServed, "every connection of the well-behaved source was served");
        assertTrue(abuserServed >= 10 && abuserServed < 60,
                "the abuser got its burst and its refill, not its flood: served " + abuserServed + " of 100");
        assertEquals(100L - abuserServed, broker.refusals().get("tcp/" + port).get("source_rate"));
    }

    @Test
    void perSourceConnectionCapLeavesRoomForOthers() throws IOException {
        serve("tcp", GREETER, "{\"connections\": {\"max\": 10, \"perSource\": 2}}", "127.0.0.1");
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket s = new Socket();
                held.add(s);
                s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
                s.setSoTimeout(5000);
                assertEquals("served", new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine());
            }
            assertTrue(!servedFrom("127.0.0.2", "127.0.0.1"), "a third open connection from the same source is refused");
            assertTrue(servedFrom("127.0.0.3", "127.0.0.1"), "another source is still served");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void refusedDatagramsAreDroppedBeforeMessage() throws IOException {
        serve("udp", "export function message(msg, rinfo, ctx) { ctx.reply('pong', rinfo); }\n",
                "{\"allow\": [\"127.0.0.3/32\"]}", "127.0.0.1");
        try (DatagramSocket bad = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
             DatagramSocket good = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0))) {
            bad.setSoTimeout(300);
            good.setSoTimeout(5000);
            byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
            bad.send(new DatagramPacket(ping, ping.length, InetAddress.getLoopbackAddress(), port));
            good.send(new DatagramPacket(ping, ping.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket reply = new DatagramPacket(new byte[100], 100);
            good.receive(reply);
            assertEquals("pong", new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
            assertThrows(SocketTimeoutException.class, () -> bad.receive(new DatagramPacket(new byte[100], 100)));
        }
        assertEquals(Map.of("not_allowed", 1L), broker.refusals().get("udp/" + port));
    }

    @Test
    void ipv6AndIpv4SourcesAreScreenedByTheirOwnBlocks() throws IOException {
        serve("tcp", GREETER, "{\"deny\": [\"::1/128\"]}", "::");
        assertTrue(!servedFrom("::1", "::1"), "IPv6 loopback is denied");
        assertTrue(servedFrom("127.0.0.1", "127.0.0.1"), "IPv4 through the dual-stack socket is not");
    }

    @Test
    void idleConnectionIsClosedAfterTheManifestsIdleTimeout() throws IOException {
        serve("tcp", "export function handle(conn) { conn.on('data', (d) => conn.write(d)); }\n",
                "{\"idleTimeout\": \"300ms\"}", "127.0.0.1");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            long start = System.nanoTime();
            s.getOutputStream().write('x');
            assertEquals('x', s.getInputStream().read());
            assertEquals(-1, s.getInputStream().read(), "the broker closes the idle connection");
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMillis >= 300, "not before the timeout: closed after " + waitedMillis + " ms");
        }
    }
}
