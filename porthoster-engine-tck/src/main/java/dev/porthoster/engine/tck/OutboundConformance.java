package dev.porthoster.engine.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.testkit.HandlerTestKit;
import dev.porthoster.testkit.TestConnection;
import dev.porthoster.testkit.TestPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound traffic as every engine must offer it: {@code net.connect} (the same {@code Socket} as {@code conn}) and
 * {@code ctx.udp}, only to the destinations of the manifest's {@code connect} list, with Node's events and errors.
 * Part of {@link EngineConformanceKit} (its nested {@code Outbound} suite), driven through the testkit's fake peers.
 */
public abstract class OutboundConformance {

    /** The id of the engine under test. */
    protected abstract String engineId();

    @TempDir
    Path root;

    private void write(String fileName, String source) throws IOException {
        Files.writeString(root.resolve(fileName), source, StandardCharsets.UTF_8);
    }

    private HandlerTestKit start(String fileName) {
        return HandlerTestKit.load(root.resolve(fileName)).engine(engineId()).start();
    }

    private static final String RELAY = """
            import net from 'node:net';
            export function handle(conn, ctx) {
              const upstream = net.connect(7000, '10.0.0.5');
              upstream.on('connect', () => ctx.log.info(`connected to ${upstream.remoteAddress}:${upstream.remotePort}`
                + ` ${upstream.remoteFamily} from ${typeof upstream.localPort} ${upstream.readyState}`));
              upstream.on('error', (e) => { ctx.log.info(`upstream ${e.code}`); conn.destroy(); });
              conn.pipe(upstream);
              upstream.pipe(conn);
            }
            """;

    @Test
    void aRelayCarriesBytesBothWaysAndEndsWhenAPeerEnds() throws IOException {
        write("relay.tcp.4000.port.json", "{\"connect\": [\"10.0.0.5:7000\"]}");
        write("relay.tcp.4000.port.js", RELAY);
        try (HandlerTestKit kit = start("relay.tcp.4000.port.js")) {
            TestPeer backend = kit.peer("10.0.0.5", 7000);
            TestConnection client = kit.connect("203.0.113.7", 40000);
            TestConnection upstream = backend.connection();
            assertEquals(List.of("INFO connected to 10.0.0.5:7000 IPv4 from number open"), kit.log());
            upstream.send("hello from :7000\n");
            assertEquals("hello from :7000\n", client.read());
            client.send("ping\n");
            assertEquals("ping\n", upstream.read());
            client.end();
            assertTrue(upstream.handlerEnded(), "the client's FIN reaches the backend through pipe()");
            upstream.end();
            assertTrue(client.isClosed() && upstream.isClosed());
            assertEquals(new dev.porthoster.core.HandlerStatus.Outbound(0, 1, 0, Map.of()), kit.outbound());
        }
    }

    @Test
    void writesBeforeTheConnectionIsMadeGoOutInOrderOnceItIs() throws IOException {
        write("early.tcp.4000.port.json", "{\"connect\": [\"10.0.0.5:7000\"]}");
        write("early.tcp.4000.port.js", """
                import { createConnection } from 'node:net';
                export function handle(conn, ctx) {
                  const up = createConnection({ host: '10.0.0.5', port: 7000 }, () => up.write('third'));
                  ctx.log.info(`${up.readyState} ${up.connecting} ${up.pending} ${up.remoteAddress}`);
                  up.write('first ');
                  up.write(Buffer.from('second '));
                }
                """);
        try (HandlerTestKit kit = start("early.tcp.4000.port.js")) {
            TestPeer backend = kit.peer("10.0.0.5", 7000);
            kit.connect("203.0.113.7", 40000);
            assertEquals("first second third", backend.connection().read());
            assertEquals(List.of("INFO opening true true undefined"), kit.log());
        }
    }

    @Test
    void aDestinationNotInTheConnectListIsRefusedBeforeAnythingIsSent() throws IOException {
        write("nosy.tcp.4000.port.json", "{\"connect\": [\"10.0.0.5:7000\"]}");
        write("nosy.tcp.4000.port.js", """
                import net from 'node:net';
                export function handle(conn, ctx) {
                  const s = net.connect({ port: 22, host: '10.0.0.5' });
                  s.on('error', (e) => ctx.log.info(`${e.code} ${e.message}`));
                  s.on('close', (hadError) => conn.end(`closed ${hadError} ${s.destroyed}\\n`));
                }
                """);
        try (HandlerTestKit kit = start("nosy.tcp.4000.port.js")) {
            TestPeer ssh = kit.peer("10.0.0.5", 22);
            assertEquals("closed true true\n", kit.connect("203.0.113.7", 40000).read());
            assertTrue(ssh.connections().isEmpty(), "a refused destination is never dialled");
            assertEquals(List.of("INFO ERR_ACCESS_DENIED connect 10.0.0.5:22 refused: not in the \"connect\" list of "
                    + "nosy.tcp.4000.port.json (10.0.0.5:7000)"), kit.log());
            assertEquals(Map.of("not_listed", 1L), kit.outbound().refused());
            assertEquals(0, kit.outbound().connections());
        }
    }

    @Test
    void withoutAConnectListAHandlerSendsNothingOut() throws IOException {
        write("closed.tcp.4000.port.js", """
                import net from 'node:net';
                export function handle(conn, ctx) {
                  net.connect(7000, '127.0.0.1').on('error', (e) => ctx.log.info(e.code + ' ' + e.message));
                  ctx.udp.send('x', 53, '127.0.0.1', (e) => ctx.log.info('udp ' + e.code));
                }
                """);
        try (HandlerTestKit kit = start("closed.tcp.4000.port.js")) {
            TestPeer local = kit.peer("127.0.0.1", 7000);
            TestPeer dns = kit.peer("127.0.0.1", 53);
            kit.connect("203.0.113.7", 40000);
            assertTrue(local.connections().isEmpty() && dns.datagrams().isEmpty());
            assertEquals(List.of("INFO udp ERR_ACCESS_DENIED", "INFO ERR_ACCESS_DENIED connect 127.0.0.1:7000 refused: "
                    + "closed.tcp.4000.port.json has no \"connect\" list, so this handler may send nothing out; add "
                    + "\"127.0.0.1:7000\" to \"connect\" to allow it"), kit.log());
            assertEquals(Map.of("no_connect_list", 2L), kit.outbound().refused());
        }
    }

    @Test
    void aHostNameIsRefusedNeverLookedUpAndLocalhostMeansTheLoopback() throws IOException {
        write("names.tcp.4000.port.json", "{\"connect\": [\"127.0.0.1:7000\"]}");
        write("names.tcp.4000.port.js", """
                import net from 'node:net';
                export function handle(conn, ctx) {
                  net.connect(7000, 'backend.internal').on('error', (e) => ctx.log.info(e.code + ' ' + e.message));
                  net.connect(7000).on('connect', () => ctx.log.info('default host connected'));
                  net.connect(7000, 'localhost').on('connect', () => ctx.log.info('localhost connected'));
                }
                """);
        try (HandlerTestKit kit = start("names.tcp.4000.port.js")) {
            TestPeer local = kit.peer("127.0.0.1", 7000);
            kit.connect("203.0.113.7", 40000);
            assertEquals(2, local.connections().size());
            assertEquals(List.of("INFO ERR_ACCESS_DENIED connect \"backend.internal\":7000 refused: \"backend.internal\" "
                    + "is not an IP address; a handler connects only to IP addresses its manifest's \"connect\" list "
                    + "names, and host names are never looked up", "INFO default host connected",
                    "INFO localhost connected"), kit.log());
            assertEquals(Map.of("host_name", 1L), kit.outbound().refused());
        }
    }

    @Test
    void aRefusedConnectionIsNodesEconnrefusedErrorThenClose() throws IOException {
        write("down.tcp.4000.port.json", "{\"connect\": [\"10.0.0.0/8:7000\"]}");
        write("down.tcp.4000.port.js", """
                import net from 'node:net';
                export function handle(conn, ctx) {
                  const s = net.connect(7000, '10.1.2.3');
                  s.on('error', (e) => ctx.log.info([e.message, e.code, e.errno, e.syscall, e.address, e.port,
                    e instanceof Error].join(' ')));
                  s.on('close', (hadError) => ctx.log.info(`close ${hadError} ${s.readyState}`));
                }
                """);
        try (HandlerTestKit kit = start("down.tcp.4000.port.js")) {
            kit.connect("203.0.113.7", 40000);
            kit.runPending();
            assertEquals(List.of("INFO connect ECONNREFUSED 10.1.2.3:7000 ECONNREFUSED -111 connect 10.1.2.3 7000 true",
                    "INFO close true closed"), kit.log());
        }
    }

    @Test
    void aDestinationThatNeverAnswersTimesOutWithEtimedout() throws IOException {
        write("slow.tcp.4000.port.json", "{\"connect\": [\"[2001:db8::7]:7000\"]}");
        write("slow.tcp.4000.port.js", """
                import net from 'node:net';
                export function handle(conn, ctx) {
                  net.connect(7000, '2001:db8::7').on('error', (e) => ctx.log.info(e.message));
                }
                """);
        try (HandlerTestKit kit = start("slow.tcp.4000.port.js")) {
            kit.peer("2001:db8::7", 7000).unreachable();
            kit.connect("203.0.113.7", 40000);
            kit.advance(9_999);
            assertEquals(List.of(), kit.log());
            kit.advance(1);
            assertEquals(List.of("INFO connect ETIMEDOUT 2001:db8::7:7000"), kit.log());
        }
    }

    @Test
    void destroyWhileConnectingAbandonsTheAttempt() throws IOException {
        write("quit.tcp.4000.port.json", "{\"connect\": [\"10.0.0.5:7000\"]}");
        write("quit.tcp.4000.port.js", """
                import net from 'node:net';
                export function handle(conn, ctx) {
                  const s = net.connect(7000, '10.0.0.5');
                  s.on('connect', () => ctx.log.info('connected'));
                  s.on('close', (hadError) => ctx.log.info(`close ${hadError} ${s.readyState}`));
                  s.destroy();
                }
                """);
        try (HandlerTestKit kit = start("quit.tcp.4000.port.js")) {
            TestPeer backend = kit.peer("10.0.0.5", 7000);
            kit.connect("203.0.113.7", 40000);
            assertTrue(backend.connections().isEmpty());
            assertEquals(List.of("INFO close false closed"), kit.log());
            assertEquals(0, kit.outbound().open());
        }
    }

    @Test
    void aSlowReaderPausesTheUpstreamThroughPipeAndDrainResumesIt() throws IOException {
        write("relay.tcp.4000.port.json", "{\"connect\": [\"10.0.0.5:7000\"]}");
        write("relay.tcp.4000.port.js", RELAY);
        try (HandlerTestKit kit = HandlerTestKit.load(root.resolve("relay.tcp.4000.port.js")).engine(engineId())
                .highWaterMark(1024).start()) {
            TestPeer backend = kit.peer("10.0.0.5", 7000);
            TestConnection client = kit.connect("203.0.113.7", 40000);
            TestConnection upstream = backend.connection();
            upstream.send(new byte[2048]);
            assertFalse(upstream.isReading(), "the client's output is full: the relay stops reading the backend");
            client.drain();
            assertTrue(upstream.isReading(), "'drain' on the client resumes the backend");
            assertEquals(2048, client.readBytes().length);
        }
    }

    @Test
    void aRestartClosesTheStoppedCopysOutboundConnections() throws IOException {
        write("spin.tcp.4000.port.json", "{\"connect\": [\"10.0.0.5:7000\"]}");
        write("spin.tcp.4000.port.js", """
                import net from 'node:net';
                export function handle(conn) {
                  const up = net.connect(7000, '10.0.0.5');
                  conn.on('data', (d) => { if (String(d) === 'spin') { while (true) {} } });
                }
                """);
        try (HandlerTestKit kit = HandlerTestKit.load(root.resolve("spin.tcp.4000.port.js")).engine(engineId())
                .watchdogMillis(300).start()) {
            TestPeer backend = kit.peer("10.0.0.5", 7000);
            TestConnection client = kit.connect("203.0.113.7", 40000);
            TestConnection upstream = backend.connection();
            assertFalse(upstream.isClosed());
            client.send("spin");
            assertTrue(client.isClosed());
            assertTrue(upstream.isClosed(), "the stopped copy's upstream is closed with its client");
            assertEquals(0, kit.outbound().open());
        }
    }

    @Test
    void closingTheHandlerClosesItsOutboundConnectionsAfterCloseCtx() throws IOException {
        write("pool.tcp.4000.port.json", "{\"connect\": [\"10.0.0.5:7000\"]}");
        write("pool.tcp.4000.port.js", """
                import net from 'node:net';
                let backend;
                export function open(ctx) { backend = net.connect(7000, '10.0.0.5'); }
                export function handle(conn) { conn.pipe(backend, { end: false }); }
                export function close(ctx) { backend.write('bye\\n'); }
                """);
        TestPeer backend;
        TestConnection upstream;
        try (HandlerTestKit kit = HandlerTestKit.load(root.resolve("pool.tcp.4000.port.js")).engine(engineId())
                .peer("10.0.0.5", 7000).start()) {
            backend = kit.peer("10.0.0.5", 7000);
            upstream = backend.connection();
            kit.connect("203.0.113.7", 40000).send("a\n");
            assertEquals("a\n", upstream.read());
        }
        assertEquals("bye\n", upstream.read(), "close(ctx) still reaches its backend");
        assertTrue(upstream.isClosed(), "then the handler's outbound connections are closed");
    }

    @Test
    void ctxUdpSendsToAListedDestinationAndHearsItsAnswer() throws IOException {
        write("ask.udp.5300.port.json", "{\"connect\": [\"10.0.0.53:53\"]}");
        write("ask.udp.5300.port.js", """
                export function open(ctx) {
                  ctx.udp.on('message', (msg, rinfo) => ctx.log.info(`answer ${msg} from ${rinfo.address}:${rinfo.port}`
                    + ` ${rinfo.family} ${rinfo.size}`));
                  ctx.udp.on('error', (e) => ctx.log.info(`error ${e.code}`));
                }
                export function message(msg, rinfo, ctx) {
                  ctx.udp.send(msg, 53, '10.0.0.53', (err, bytes) => ctx.log.info(`sent ${err} ${bytes}`));
                  ctx.udp.send(msg, 54, '10.0.0.53');
                }
                """);
        try (HandlerTestKit kit = start("ask.udp.5300.port.js")) {
            TestPeer resolver = kit.peer("10.0.0.53", 53);
            kit.send("203.0.113.7", 40000, "query");
            assertEquals(List.of("query"), resolver.datagramTexts());
            resolver.reply("42");
            assertEquals(List.of("INFO sent null 5", "INFO error ERR_ACCESS_DENIED",
                    "INFO answer 42 from 10.0.0.53:53 IPv4 2"), kit.log());
            assertEquals(1, kit.outbound().datagrams());
            assertEquals(Map.of("not_listed", 1L), kit.outbound().refused());
        }
    }

    @Test
    void aHandlerMayHave1024OutboundConnectionsOpenOrOpeningAndNoMore() throws IOException {
        write("many.tcp.4000.port.json", "{\"connect\": [\"10.0.0.5:7000\"]}");
        write("many.tcp.4000.port.js", """
                import net from 'node:net';
                const sockets = [];
                export function handle(conn, ctx) {
                  for (let i = 0; i < 1025; i++) {
                    sockets.push(net.connect(7000, '10.0.0.5').on('error', (e) => ctx.log.info(e.code + ' ' + e.message)));
                  }
                  conn.on('data', () => {
                    sockets[0].on('close', () => net.connect(7000, '10.0.0.5').on('connect', () => conn.write('room again')));
                    sockets[0].destroy();
                  });
                }
                """);
        try (HandlerTestKit kit = start("many.tcp.4000.port.js")) {
            TestPeer backend = kit.peer("10.0.0.5", 7000);
            TestConnection client = kit.connect("203.0.113.7", 40000);
            assertEquals(1024, backend.connections().size());
            assertEquals(List.of("INFO EMFILE connect 10.0.0.5:7000 refused: this handler has 1024 outbound connections "
                    + "open or opening, the most it may"), kit.log());
            assertEquals(Map.of("connection_cap", 1L), kit.outbound().refused());
            assertEquals("room again", client.send("x").read(), "one closed makes room for another");
        }
    }
}
