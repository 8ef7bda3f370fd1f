package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One relay file, run by Node 20 (bench/node-runner.mjs) and by the broker on each engine, driven by the same client
 * against the same backend: what the client receives (the relay's report of its outbound socket's states, events and
 * errors, and the backend's bytes through {@code pipe}) must be identical. Skipped, saying so, where no Node 20 is on
 * the PATH.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayAgainstNodeTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Reports what a Node developer looks at on an outbound socket, then relays; refused first, then the backend. */
    private static final String RELAY = """
            import net from 'node:net';
            export function handle(conn) {
              const refused = net.connect(%d, '127.0.0.1');
              conn.write(`state ${refused.readyState} ${refused.connecting} ${refused.pending} ${refused.remoteAddress}\\n`);
              refused.on('error', (e) => conn.write(`error ${e.message} ${e.code} ${e.errno} ${e.syscall} ${e.address} ${e.port}\\n`));
              refused.on('close', (hadError) => {
                conn.write(`refused close ${hadError} ${refused.readyState} ${refused.destroyed}\\n`);
                const up = net.createConnection({ port: %d, host: '127.0.0.1' }, () => conn.write('connect callback\\n'));
                up.on('connect', () => conn.write(`connect ${up.remoteAddress} ${up.remotePort === %d} ${up.remoteFamily}`
                  + ` ${typeof up.localPort} ${up.readyState} ${up.connecting} ${up.pending}\\n`));
                up.on('ready', () => conn.write('ready\\n'));
                up.write('early ');
                up.on('end', () => conn.write(`upstream end ${up.readyState}\\n`));
                up.on('close', (hadError) => conn.end(`upstream close ${hadError}\\n`));
                conn.pipe(up);
                up.pipe(conn, { end: false });
              });
            }
            """;

    private final StringBuilder backendLog = new StringBuilder();
    private ServerSocket backend;
    private int closedPort;
    private Path dir;

    @BeforeAll
    void backend(@TempDir Path tmp) throws IOException {
        dir = tmp;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = s.getLocalPort();
        }
        backend = new ServerSocket(0, 50, LOOPBACK);
        Thread.ofVirtual().start(() -> {
            while (!backend.isClosed()) {
                try {
                    Socket s = backend.accept();
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            // greets, echoes each line, and closes after "quit"
                            java.io.OutputStream out = s.getOutputStream();
                            out.write("hello from backend\n".getBytes(StandardCharsets.UTF_8));
                            java.io.BufferedReader lines = new java.io.BufferedReader(
                                    new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                            for (String line; (line = lines.readLine()) != null && !line.equals("quit"); ) {
                                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                            }
                        } catch (IOException gone) {
                            // the relay went away
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterAll
    void stop() throws IOException {
        backend.close();
    }

    private String relaySource() {
        return RELAY.formatted(closedPort, backend.getLocalPort(), backend.getLocalPort());
    }

    /** Talks to a relay at {@code port}: waits for the greeting, sends two lines, then "quit", reads to the end. */
    private static String transcript(int port) throws IOException {
        try (Socket s = new Socket(LOOPBACK, port)) {
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            readUntil(in, seen, "hello from backend\n");
            s.getOutputStream().write("one\n".getBytes(StandardCharsets.UTF_8));
            readUntil(in, seen, "one\n");
            s.getOutputStream().write("two\n".getBytes(StandardCharsets.UTF_8));
            readUntil(in, seen, "two\n");
            s.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
            in.transferTo(seen);
            return seen.toString(StandardCharsets.UTF_8);
        }
    }

    private static void readUntil(InputStream in, ByteArrayOutputStream seen, String end) throws IOException {
        while (!seen.toString(StandardCharsets.UTF_8).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the relay closed before \"" + end.strip() + "\"; got: " + seen);
            }
            seen.write(b);
        }
    }

    private String underNode() throws Exception {
        Process version;
        try {
            version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        } catch (IOException noNode) {
            assumeTrue(false, "node is not on the PATH (apt-get install nodejs); the Node comparison is skipped");
            return "";
        }
        String v = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assumeTrue(v.startsWith("v20."), "node " + v + " is not Node 20; the Node comparison is skipped");
        int port = FreePorts.next();
        Path nodeDir = Files.createDirectories(dir.resolve("node"));
        Files.writeString(nodeDir.resolve("package.json"), "{\"type\": \"module\"}");
        Path file = Files.writeString(nodeDir.resolve("relay.tcp." + port + ".port.js"), relaySource());
        Process node = new ProcessBuilder("node", Path.of("..", "bench", "node-runner.mjs").toString(), file.toString(),
                String.valueOf(port)).redirectErrorStream(true).start();
        try {
            StringBuilder out = new StringBuilder();
            InputStream in = node.getInputStream();
            while (!out.toString().contains(" on tcp 127.0.0.1:" + port)) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("node exited: " + out);
                }
                out.append((char) b);
            }
            return transcript(port);
        } finally {
            node.destroy();
            node.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String underBroker(String engine) throws IOException {
        Path root = Files.createDirectories(dir.resolve(engine));
        Files.writeString(root.resolve("relay.tcp.4000.port.js"), relaySource());
        Files.writeString(root.resolve("relay.tcp.4000.port.json"), "{\"connect\": [\"127.0.0.1:" + closedPort
                + "\", \"127.0.0.1:" + backend.getLocalPort() + "\"]}");
        try (Broker broker = Broker.builder(root).bindAddress(LOOPBACK).engine(engine).bindPort(spec -> 0).build().start()) {
            HandlerStatus.Serving serving = (HandlerStatus.Serving) broker.status().get(0);
            return transcript(serving.address().getPort());
        }
    }

    @Test
    void aRelaysTranscriptIsNodesOnGraalJsAndOnRhino() throws Exception {
        String node = underNode();
        assertEquals("state opening true true undefined\n"
                + "error connect ECONNREFUSED 127.0.0.1:" + closedPort + " ECONNREFUSED -111 connect 127.0.0.1 " + closedPort + "\n"
                + "refused close true closed true\n"
                + "connect callback\n"
                + "connect 127.0.0.1 true IPv4 number open false false\n"
                + "ready\n"
                + "hello from backend\n"
                + "early one\n"
                + "two\n"
                + "upstream end writeOnly\n"
                + "upstream close false\n", node, "Node's own transcript, the reference");
        assertEquals(node, underBroker("graal"), "GraalJS");
        assertEquals(node, underBroker("rhino"), "Rhino");
    }
}
