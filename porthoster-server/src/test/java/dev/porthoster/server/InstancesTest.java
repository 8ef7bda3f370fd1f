package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.Protocol;
import dev.porthoster.api.TcpHandler;
import dev.porthoster.api.Conn;
import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerStatus;
import dev.porthoster.core.manifest.ManifestParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code instances: N} runs N isolated copies of a TCP handler, each on a loop of its own: new connections are spread
 * over them, each copy keeps its own module-level state and knows itself as {@code ctx.instance}, a copy busy in a
 * callback delays no connection of another and is restarted alone, and screening holds for the port as a whole.
 * Real loopback sockets, an embedded broker.
 */
class InstancesTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /**
     * Greets with its copy and how many connections that copy has accepted; echoes with its copy; on 'spin' says so and
     * spins.
     */
    private static final String COUNTING = """
            let accepted = 0;
            export function handle(conn, ctx) {
              accepted++;
              conn.write(ctx.instance + ' ' + accepted + '\\n');
              conn.setEncoding('utf8');
              conn.on('data', (d) => {
                if (d.startsWith('spin')) { conn.write('spinning\\n'); while (true) {} }
                conn.write(ctx.instance + ':' + d);
              });
            }
            """;

    @TempDir
    Path root;

    private Broker broker;
    private final List<Client> clients = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Client c : clients) {
            c.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private int serve(String engine, String handler, String manifest) throws IOException {
        int port = FreePorts.next();
        Files.writeString(root.resolve("svc.tcp." + port + ".port.js"), handler);
        Files.writeString(root.resolve("svc.tcp." + port + ".port.json"), manifest);
        broker = Broker.builder(root).bindAddress(LOOPBACK).engine(engine).build().start();
        assertTrue(broker.status().getFirst() instanceof HandlerStatus.Serving, () -> broker.status().toString());
        return port;
    }

    private final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket(LOOPBACK, port);
            socket.setSoTimeout(20_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            clients.add(this);
        }

        String line() throws IOException {
            return in.readLine();
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String ask(String text) throws IOException {
            send(text + "\n");
            return line();
        }

        /** Whether the broker closed or reset the connection (after what it had already sent). */
        boolean closedByBroker() {
            try {
                while (in.readLine() != null) {
                    // what was sent before the close
                }
                return true;
            } catch (SocketException reset) {
                return true;
            } catch (IOException timedOut) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private HandlerStatus.Serving serving() {
        return (HandlerStatus.Serving) broker.status().getFirst();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void connectionsAreSpreadOverTheCopiesAndEachCopyKeepsItsOwnModuleState(String engine) throws Exception {
        int port = serve(engine, COUNTING, "{\"instances\": 2}");
        List<String> greetings = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            greetings.add(new Client(port).line());
        }
        assertEquals(List.of("0 1", "1 1", "0 2", "1 2"), greetings, "round robin; a counter per copy");
        assertEquals("1:hi", clients.get(1).ask("hi"));
        HandlerStatus.Serving s = serving();
        assertEquals(2, s.instances());
        Await.until(() -> serving().copies().stream().map(HandlerStatus.Copy::connections).toList().equals(List.of(2, 2)),
                10, () -> serving().copies());
        assertEquals(Map.of("tcp/" + port, 4), broker.openConnections(), "the port's total");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void aCopyBusyInACallbackStallsNoConnectionOfTheOtherAndIsRestartedAlone(String engine) throws Exception {
        try (LogCapture log = new LogCapture("dev.porthoster.handler")) {
            int port = serve(engine, COUNTING, "{\"instances\": 2, \"limits\": {\"callback\": \"3s\"}}");
            Client spinning = new Client(port);
            assertEquals("0 1", spinning.line());
            Client other = new Client(port);
            assertEquals("1 1", other.line());
            spinning.send("spin\n");
            assertEquals("spinning", spinning.line(), "copy 0 is in its endless callback before the next connection");
            String restarted = "[svc.tcp." + port + "#0] a callback ran longer than 3000 ms";
            Client waits = new Client(port); // copy 0's turn: it waits for the spinning loop
            Client fresh = new Client(port); // copy 1's turn
            assertEquals("1 2", fresh.line(), "a new connection on the other copy is answered");
            assertEquals("1:still here", other.ask("still here"), "an open one too");
            assertFalse(log.has(restarted), () -> "copy 1 answered only once copy 0 was stopped: " + log.lines());

            Await.until(() -> log.has(restarted), 30, log::lines);
            assertTrue(spinning.closedByBroker(), "the runaway copy's connections are closed by its restart");
            assertEquals("0 1", waits.line(), "the connection that waited is served by copy 0's fresh context");
            assertEquals("1:after", other.ask("after"), "copy 1 was not restarted: its connection lives on");
            assertFalse(log.has("[svc.tcp." + port + "#1] a callback ran longer"), () -> log.lines().toString());
            HandlerStatus.Serving s = serving();
            assertEquals(List.of(1, 0), s.copies().stream().map(c -> c.restarts().count()).toList());
            assertEquals(1, s.restarts().count(), "all copies together");
            assertTrue(s.restarts().lastReason().orElseThrow().contains("ran longer than 3000 ms"), s.toString());
        }
    }

    @Test
    void perSourceCapsAndRatesHoldForThePortAsAWholeNotPerCopy() throws Exception {
        int port = serve("graal", COUNTING, """
                {"instances": 2, "connections": {"max": 100, "perSource": 3},
                 "rate": {"perSource": "5/m", "burst": 5}}
                """);
        List<Client> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Client c = new Client(port);
            c.line();
            three.add(c);
        }
        assertTrue(new Client(port).closedByBroker(), "perSource 3 with 2 copies still refuses the 4th");
        for (Client c : three) {
            c.close();
        }
        Await.until(() -> broker.openConnections().get("tcp/" + port) == 0, 10, broker::openConnections);
        for (int i = 0; i < 2; i++) {
            assertTrue(new Client(port).line().matches("[01] \\d"), "the 4th and 5th admitted of the burst of 5");
        }
        assertTrue(new Client(port).closedByBroker(), "the 6th is over the source's rate, whichever copy it reached");
        assertEquals(Map.of("source_connection_cap", 1L, "source_rate", 1L), broker.refusals().get("tcp/" + port));
    }

    @Test
    void onRhinoOnlyTheCopyOverItsMemoryBudgetIsRestarted() throws Exception {
        try (LogCapture log = new LogCapture("dev.porthoster")) {
            int port = serve("rhino", """
                    const keep = [];
                    export function open(ctx) {
                      if (ctx.instance === 1) setInterval(() => { keep.push(new Array(1 << 16).fill(keep.length)); }, 5);
                    }
                    export function handle(conn, ctx) { conn.end(ctx.instance + ' holds ' + keep.length + '\\n'); }
                    """, "{\"instances\": 2, \"limits\": {\"memory\": \"24MiB\"}}");
            Await.until(() -> log.has("[svc.tcp." + port + "#1]", "over its 24 MiB memory budget"), 60, log::lines);
            assertFalse(log.has("[svc.tcp." + port + "#0]", "memory budget"), () -> log.lines().toString());
            assertEquals(0, serving().copies().getFirst().restarts().count(), "each copy has the whole budget");
            assertEquals("0 holds 0", new Client(port).line());
        }
    }

    @Test
    void aJavaHandlerIsOneObjectSoItsRulesMayAskForOneInstanceOnly() throws Exception {
        Path manifest = root.resolve("j.tcp.7000.port.json");
        Files.writeString(manifest, "{\"instances\": 2}");
        TcpHandler handler = (conn, ctx) -> Conn.Listener.IGNORE;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Broker.builder(root)
                .handler(new PortSpec("j", Protocol.TCP, 7000), handler, ManifestParser.parse(manifest)));
        assertTrue(e.getMessage().contains("must ask for 1 instance, not 2"), e.getMessage());
    }

    /**
     * TLS is the port's and the handshake runs on the loop of the copy the connection went to: connections spread over
     * both copies through TLS; each copy connects out through its own gate, under the one connect list, and status
     * sums what the copies sent.
     */
    @Test
    void copiesTerminateTlsAndConnectOutEachThroughTheirOwnGate() throws Exception {
        TestCerts.assumeOpenssl();
        TestCerts.selfSigned(root.resolve("certs"), "svc", "localhost", "ec");
        try (java.net.ServerSocket backend = new java.net.ServerSocket(0, 50, LOOPBACK)) {
            Thread answering = Thread.ofVirtual().start(() -> {
                while (!backend.isClosed()) {
                    try (Socket s = backend.accept()) {
                        s.getOutputStream().write("pong\n".getBytes(StandardCharsets.UTF_8));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            int port = serve("graal", """
                    import net from 'node:net';
                    export function handle(conn, ctx) {
                      const up = net.connect(%d, '127.0.0.1');
                      up.setEncoding('utf8');
                      up.on('data', (d) => conn.end(ctx.instance + ' ' + conn.encrypted + ' ' + d));
                      up.on('error', (e) => conn.end(ctx.instance + ' ' + e.code + '\\n'));
                    }
                    """.formatted(backend.getLocalPort()), """
                    {"instances": 2, "tls": {"cert": "certs/svc.pem", "key": "certs/svc.key"},
                     "connect": ["127.0.0.1:%d"]}
                    """.formatted(backend.getLocalPort()));
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                try (javax.net.ssl.SSLSocket s = TlsClients.connect(port, "127.0.0.1", root.resolve("certs/svc.pem"),
                        null, null, "localhost", List.of())) {
                    answers.add(TlsClients.readLine(s));
                }
            }
            assertEquals(List.of("0 true pong", "1 true pong", "0 true pong", "1 true pong"), answers);
            HandlerStatus.Serving serving = (HandlerStatus.Serving) broker.status().getFirst();
            assertEquals(4, serving.outbound().connections(), serving::toString);
            assertEquals(Map.of(), serving.outbound().refused(), serving::toString);
            backend.close();
            answering.join(5_000);
        }
    }
}
