package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Outbound traffic over real loopback sockets, on both engines: a relay with backpressure, the manifest's
 * {@code connect} list enforced before anything is sent (no SYN, no datagram), Node's errors, and outbound connections
 * closed with the handler version that opened them.
 */
class OutboundOverLoopbackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path root;

    private Broker broker;
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close(); // first, so that the broker's shutdown has no connection to drain
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Broker start(String engine) {
        return start(engine, Broker.builder(root));
    }

    private Broker start(String engine, Broker.Builder builder) {
        broker = builder.bindAddress(LOOPBACK).engine(engine).bindPort(spec -> 0).build().start();
        assertTrue(broker.status().stream().allMatch(s -> s instanceof HandlerStatus.Serving), () -> "" + broker.status());
        return broker;
    }

    private HandlerStatus.Serving serving(String name) {
        return broker.status().stream().filter(s -> s instanceof HandlerStatus.Serving sv && sv.spec().name().equals(name))
                .map(HandlerStatus.Serving.class::cast).findFirst().orElseThrow(() -> new AssertionError(broker.status()));
    }

    private Socket client(String name) throws IOException {
        Socket s = new Socket(LOOPBACK, serving(name).address().getPort());
        s.setSoTimeout(20_000);
        closing.add(s);
        return s;
    }

    private static BufferedReader lines(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    /** A backend on loopback: greets each connection with {@code hello from backend} and echoes what it reads. */
    private ServerSocket echoBackend() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        closing.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    closing.add(s);
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            s.getOutputStream().write("hello from backend\n".getBytes(StandardCharsets.UTF_8));
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException closed) {
                            // the relay went away
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return server;
    }

    /** A port on loopback with nothing listening. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"graal", "rhino"})
    void theRelayExampleCarriesBytesBothWaysBetweenARealClientAndARealBackend(String engine) throws Exception {
        int backend = echoBackend().getLocalPort();
        Files.writeString(root.resolve("relay.tcp.4000.port.js"), Files.readString(EXAMPLES.resolve("relay.tcp.4000.port.js"))
                .replace("7000", String.valueOf(backend)));
        Files.writeString(root.resolve("relay.tcp.4000.port.json"), Files.readString(EXAMPLES.resolve("relay.tcp.4000.port.json"))
                .replace("7000", String.valueOf(backend)));
        start(engine);
        Socket s = client("relay");
        BufferedReader in = lines(s);
        assertEquals("hello from backend", in.readLine());
        send(s, "hi\n");
        assertEquals("hi", in.readLine());
        send(s, "é and ✓ across the relay\n");
        assertEquals("é and ✓ across the relay", in.readLine());
        s.shutdownOutput();
        assertEquals(-1, in.read(), "the client's FIN reaches the backend, whose FIN comes back through the relay");
        // As `printf 'hi\n' | nc -q 1` talks: the line and the FIN at once; the answer still comes back whole.
        Socket hasty = client("relay");
        send(hasty, "hi\n");
        hasty.shutdownOutput();
        assertEquals("hello from backend\nhi\n", new String(hasty.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        HandlerStatus.Outbound out = serving("relay").outbound();
        assertEquals(2, out.connections());
        assertEquals(Map.of(), out.refused());
    }

    @ParameterizedTest
    @ValueSource(strings = {"graal", "rhino"})
    void aClientThatDoesNotReadHoldsTheBackendBackInsteadOfGrowingTheRelaysMemory(String engine) throws Exception {
        long total = 64L << 20;
        ServerSocket backend = new ServerSocket(0, 50, LOOPBACK);
        closing.add(backend);
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        Thread.ofVirtual().start(() -> {
            try (Socket s = backend.accept()) {
                OutputStream out = s.getOutputStream();
                byte[] chunk = new byte[64 * 1024];
                for (long sent = 0; sent < total; sent += chunk.length) {
                    for (int i = 0; i < chunk.length; i++) {
                        chunk[i] = (byte) ((sent + i) % 251);
                    }
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
                s.shutdownOutput();
                s.getInputStream().read();
            } catch (IOException closed) {
                // the relay went away
            }
        });
        relay(backend.getLocalPort(), "\"limits\": {\"memory\": \"32MiB\"}, ");
        start(engine);
        Socket s = new Socket();
        s.setReceiveBufferSize(64 * 1024); // no autotuning: what the kernel holds for a client that does not read is small
        s.connect(new InetSocketAddress(LOOPBACK, serving("relay").address().getPort()));
        closing.add(s);
        // Nothing is read until the backend cannot write any more: with backpressure it stalls once the socket
        // buffers and the relay's 64 KiB are full; without, the relay would take everything and queue it.
        long seen = -1;
        int still = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (still < 20 && System.nanoTime() < deadline) {
            long now = written.get();
            still = now == seen && now > 0 ? still + 1 : 0;
            seen = now;
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        assertTrue(still >= 20 && seen < total / 2, "the backend stalled after " + (seen >> 10) + " KiB of "
                + (total >> 20) + " MiB");
        InputStream in = s.getInputStream();
        byte[] buf = new byte[64 * 1024];
        long got = 0;
        for (int n; (n = in.read(buf)) > 0; got += n) {
            for (int i = 0; i < n; i++) {
                if (buf[i] != (byte) ((got + i) % 251)) {
                    throw new AssertionError("byte " + (got + i) + " differs");
                }
            }
        }
        assertEquals(total, got, "every byte arrived, in order, once the client read");
    }

    private void relay(int backendPort, String moreRules) throws IOException {
        Files.writeString(root.resolve("relay.tcp.4000.port.js"), """
                import net from 'node:net';
                export function handle(conn, ctx) {
                  const upstream = net.connect(%d, '127.0.0.1');
                  upstream.on('error', () => conn.destroy());
                  conn.on('close', () => upstream.destroy());
                  conn.pipe(upstream);
                  upstream.pipe(conn);
                }
                """.formatted(backendPort));
        Files.writeString(root.resolve("relay.tcp.4000.port.json"),
                "{" + moreRules + "\"connect\": [\"127.0.0.1:" + backendPort + "\"]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"graal", "rhino"})
    void aDestinationNotInTheConnectListIsRefusedBeforeAnySynWithTheReasonAndCounted(String engine) throws Exception {
        ServerSocketChannel forbidden = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        forbidden.configureBlocking(false);
        closing.add(forbidden);
        int allowed = echoBackend().getLocalPort();
        int port = forbidden.socket().getLocalPort();
        Files.writeString(root.resolve("nosy.tcp.4000.port.js"), """
                import net from 'node:net';
                export function handle(conn) {
                  net.connect(%d, '127.0.0.1').on('error', (e) => {
                    conn.write(`${e.code} ${e.message}\\n`);
                    net.connect(%d, '127.0.0.1').on('connect', () => conn.write('the allowed one connected\\n'));
                  });
                }
                """.formatted(port, allowed));
        Files.writeString(root.resolve("nosy.tcp.4000.port.json"), "{\"connect\": [\"127.0.0.1:" + allowed + "\"]}");
        try (LogCapture log = new LogCapture()) {
            start(engine);
            BufferedReader in = lines(client("nosy"));
            assertEquals("ERR_ACCESS_DENIED connect 127.0.0.1:" + port + " refused: not in the \"connect\" list of "
                    + "nosy.tcp.4000.port.json (127.0.0.1:" + allowed + ")", in.readLine());
            assertEquals("the allowed one connected", in.readLine());
            assertNull(forbidden.accept(), "the forbidden port never saw a connection, though a later one was made");
            assertEquals(Map.of("not_listed", 1L), serving("nosy").outbound().refused());
            assertTrue(log.has("nosy.tcp.4000.port.js: refused an outbound connection to 127.0.0.1:" + port,
                    "not in the manifest's connect list"), () -> String.join("\n", log.lines()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"graal", "rhino"})
    void withoutAConnectListAHandlerReachesNothingNeitherTcpNorUdp(String engine) throws Exception {
        ServerSocketChannel tcp = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        tcp.configureBlocking(false);
        closing.add(tcp);
        DatagramChannel udp = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        udp.configureBlocking(false);
        closing.add(udp);
        Files.writeString(root.resolve("shut.tcp.4000.port.js"), """
                import net from 'node:net';
                export function handle(conn, ctx) {
                  ctx.udp.send('leak', %d, '127.0.0.1', (e) => {
                    conn.write(`udp ${e.code}\\n`);
                    net.connect(%d, '127.0.0.1').on('error', (e) => conn.end(`tcp ${e.code}\\n`));
                  });
                }
                """.formatted(udp.socket().getLocalPort(), tcp.socket().getLocalPort()));
        start(engine);
        BufferedReader in = lines(client("shut"));
        assertEquals("udp ERR_ACCESS_DENIED", in.readLine());
        assertEquals("tcp ERR_ACCESS_DENIED", in.readLine());
        assertNull(tcp.accept());
        assertNull(udp.receive(ByteBuffer.allocate(64)));
        assertEquals(Map.of("no_connect_list", 2L), serving("shut").outbound().refused());
    }

    @ParameterizedTest
    @ValueSource(strings = {"graal", "rhino"})
    void aPortWithNothingListeningIsNodesEconnrefusedError(String engine) throws Exception {
        int port = closedPort();
        Files.writeString(root.resolve("down.tcp.4000.port.js"), """
                import net from 'node:net';
                export function handle(conn) {
                  const s = net.connect({ port: %d, host: '127.0.0.1' });
                  s.on('error', (e) => conn.write([e.message, e.code, e.errno, e.syscall, e.address, e.port].join('|') + '\\n'));
                  s.on('close', (hadError) => conn.end(`close ${hadError}\\n`));
                }
                """.formatted(port));
        Files.writeString(root.resolve("down.tcp.4000.port.json"), "{\"connect\": [\"127.0.0.0/8:" + port + "\"]}");
        start(engine);
        BufferedReader in = lines(client("down"));
        assertEquals("connect ECONNREFUSED 127.0.0.1:" + port + "|ECONNREFUSED|-111|connect|127.0.0.1|" + port,
                in.readLine());
        assertEquals("close true", in.readLine());
    }

    @ParameterizedTest
    @ValueSource(strings = {"graal", "rhino"})
    void aConnectThatGetsNoAnswerFailsWithEtimedoutAtTheConnectTimeout(String engine) throws Exception {
        // A listener whose accept queue is full: Linux drops further SYNs, so a connect to it is never answered.
        ServerSocket full = new ServerSocket(0, 1, LOOPBACK);
        closing.add(full);
        for (int i = 0; i < 16; i++) {
            Socket filler = new Socket();
            closing.add(filler);
            try {
                filler.connect(full.getLocalSocketAddress(), 200);
            } catch (java.net.SocketTimeoutException queueIsFull) {
                break;
            }
        }
        int port = full.getLocalPort();
        Files.writeString(root.resolve("stuck.tcp.4000.port.js"), """
                import net from 'node:net';
                export function handle(conn) {
                  net.connect(%d, '127.0.0.1').on('error', (e) => conn.end(`${e.code} ${e.message}\\n`));
                }
                """.formatted(port));
        Files.writeString(root.resolve("stuck.tcp.4000.port.json"), "{\"connect\": [\"127.0.0.1:" + port + "\"]}");
        start(engine, Broker.builder(root).connectTimeout(Duration.ofMillis(300)));
        assertEquals("ETIMEDOUT connect ETIMEDOUT 127.0.0.1:" + port, lines(client("stuck")).readLine());
    }

    @ParameterizedTest
    @ValueSource(strings = {"graal", "rhino"})
    void aReloadedAndThenARemovedVersionClosesItsOutboundConnectionsOnceRetired(String engine) throws Exception {
        ServerSocket backend = new ServerSocket(0, 50, LOOPBACK);
        closing.add(backend);
        int port = backend.getLocalPort();
        // One upstream per version, opened in open(ctx) and never closed by the handler: only the broker closes it.
        String pool = """
                import net from 'node:net';
                let upstream;
                export function open() { upstream = net.connect(%d, '127.0.0.1'); }
                export function handle(conn) { conn.on('data', (d) => upstream.write(d)); }
                """.formatted(port);
        Files.writeString(root.resolve("pool.tcp.4000.port.js"), pool);
        Files.writeString(root.resolve("pool.tcp.4000.port.json"), "{\"connect\": [\"127.0.0.1:" + port + "\"]}");
        start(engine, Broker.builder(root).drainTimeout(Duration.ZERO));
        Socket upstream = backend.accept();
        closing.add(upstream);
        upstream.setSoTimeout(20_000);
        send(client("pool"), "x");
        assertEquals('x', upstream.getInputStream().read());

        Files.writeString(root.resolve("pool.tcp.4000.port.js"), pool + "// edited\n");
        broker.reload();
        assertEquals(-1, upstream.getInputStream().read(), "the old version's upstream is closed once it is retired");
        Socket upstream2 = backend.accept();
        closing.add(upstream2);
        upstream2.setSoTimeout(20_000);
        send(client("pool"), "y");
        assertEquals('y', upstream2.getInputStream().read());

        Files.delete(root.resolve("pool.tcp.4000.port.js"));
        broker.reload();
        assertEquals(-1, upstream2.getInputStream().read(), "removing the handler closes its upstream too");
    }

    @ParameterizedTest
    @ValueSource(strings = {"graal", "rhino"})
    void ctxUdpReachesAListedDestinationAndGetsItsAnswerWhileAnotherIsRefused(String engine) throws Exception {
        DatagramChannel resolver = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        closing.add(resolver);
        Thread.ofVirtual().start(() -> {
            ByteBuffer b = ByteBuffer.allocate(1500);
            try {
                while (true) {
                    b.clear();
                    java.net.SocketAddress from = resolver.receive(b);
                    b.flip();
                    String text = StandardCharsets.UTF_8.decode(b).toString();
                    resolver.send(StandardCharsets.UTF_8.encode("answer to " + text), from);
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        int port = resolver.socket().getLocalPort();
        int other = closedPort();
        Files.writeString(root.resolve("ask.tcp.4000.port.js"), """
                export function handle(conn, ctx) {
                  ctx.udp.on('message', (msg, rinfo) => conn.write(`${msg} from ${rinfo.address}:${rinfo.port === %d}\\n`));
                  conn.setEncoding('utf8');
                  conn.on('data', (line) => {
                    ctx.udp.send(line.trim(), %d, '127.0.0.1');
                    ctx.udp.send(line.trim(), %d, '127.0.0.1', (e) => conn.write(`other: ${e && e.code}\\n`));
                  });
                }
                """.formatted(port, port, other));
        Files.writeString(root.resolve("ask.tcp.4000.port.json"), "{\"connect\": [\"127.0.0.1:" + port + "\"]}");
        start(engine);
        Socket s = client("ask");
        BufferedReader in = lines(s);
        send(s, "who\n");
        List<String> got = List.of(in.readLine(), in.readLine());
        assertTrue(got.contains("answer to who from 127.0.0.1:true") && got.contains("other: ERR_ACCESS_DENIED"),
                got::toString);
        HandlerStatus.Outbound out = serving("ask").outbound();
        assertEquals(1, out.datagrams());
        assertEquals(Map.of("not_listed", 1L), out.refused());
    }

    @ParameterizedTest
    @ValueSource(strings = {"graal", "rhino"})
    void outputQueuedOnAnOutboundConnectionCountsAgainstTheHandlersMemoryBudget(String engine) throws Exception {
        // A backend that accepts and never reads; the handler writes 14 MiB without waiting for 'drain'.
        ServerSocket backend = new ServerSocket(0, 5, LOOPBACK);
        closing.add(backend);
        Thread.ofVirtual().start(() -> {
            try {
                closing.add(backend.accept());
            } catch (IOException closed) {
                // the test is over
            }
        });
        int port = backend.getLocalPort();
        Files.writeString(root.resolve("flood.tcp.4000.port.js"), """
                import net from 'node:net';
                export function handle(conn) {
                  const up = net.connect(%d, '127.0.0.1');
                  up.on('error', (e) => conn.end(`upstream ${e.message}\\n`));
                  up.on('connect', () => {
                    const chunk = Buffer.alloc(1 << 20, 120);
                    let n = 0;
                    const more = () => { if (n++ < 14 && !up.destroyed) { up.write(chunk); setImmediate(more); } };
                    more();
                  });
                }
                """.formatted(port));
        Files.writeString(root.resolve("flood.tcp.4000.port.json"), "{\"connect\": [\"127.0.0.1:" + port + "\"], "
                + "\"limits\": {\"memory\": \"6MiB\"}}");
        start(engine);
        String line = lines(client("flood")).readLine();
        assertTrue(line.startsWith("upstream the unsent output of this handler's connections passed its 6 MiB memory "
                + "budget; this connection held the most"), line);
    }
}
