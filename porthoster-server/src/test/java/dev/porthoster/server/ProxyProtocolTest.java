package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PROXY protocol on a real port: through a real HAProxy the test starts (v1 and v2, plain and with TLS), and with
 * headers written by hand for what a proxy should never send. The "client" is a second loopback address (127.0.0.3,
 * or the denied 127.0.0.2) and HAProxy connects to the broker from 127.0.0.1, the only trusted source.
 */
class ProxyProtocolTest {

    /** Tells the client who it is, then echoes one chunk and ends. */
    private static final String WHO = """
            export function handle(conn) {
              conn.write(`${conn.remoteAddress} ${conn.remotePort} ${conn.remoteFamily} ${conn.encrypted === true}\\n`);
              conn.on('data', (d) => conn.end(d));
            }
            """;

    @TempDir
    Path root;

    private Broker broker;
    private int port;
    private Process haproxy;

    @AfterEach
    void stop() throws InterruptedException {
        if (haproxy != null) {
            haproxy.destroy();
            haproxy.waitFor();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private void serve(String manifest) throws IOException {
        port = FreePorts.next();
        Files.writeString(root.resolve("who.tcp." + port + ".port.js"), WHO);
        Files.writeString(root.resolve("who.tcp." + port + ".port.json"), manifest);
        broker = Broker.builder(root).handshakeTimeout(Duration.ofMillis(500)).build().start();
        assertTrue(broker.status().get(0) instanceof HandlerStatus.Serving, () -> broker.status().toString());
    }

    private Map<String, Long> refusals() {
        return broker.refusals().getOrDefault("tcp/" + port, Map.of());
    }

    /** Starts HAProxy in front of the broker's port, sending {@code sendProxy} ({@code send-proxy-v2}); its port. */
    private int startHaproxy(String sendProxy) throws IOException {
        assumeTrue(TestCerts.runs(List.of("haproxy", "-v")), "needs the haproxy command (Debian package haproxy)");
        int front = FreePorts.next();
        Path cfg = root.resolve("_haproxy.cfg");
        Files.writeString(cfg, """
                defaults
                  mode tcp
                  retries 0
                  timeout connect 5s
                  timeout client 30s
                  timeout server 30s
                frontend front
                  bind 127.0.0.1:%d
                  default_backend broker
                backend broker
                  server porthoster 127.0.0.1:%d %s source 127.0.0.1
                """.formatted(front, port, sendProxy));
        haproxy = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(root.resolve("_haproxy.log").toFile()).start();
        // Listening, seen in the kernel's socket table: a probe connection would make HAProxy connect to the broker
        // and, the probe gone, sometimes close that connection before its PROXY header (a proxy_missing refusal).
        Await.until(() -> listening(front) || !haproxy.isAlive(), 20, () -> "haproxy listening on " + front);
        assertTrue(haproxy.isAlive(), () -> {
            try {
                return Files.readString(root.resolve("_haproxy.log"));
            } catch (IOException e) {
                return e.toString();
            }
        });
        return front;
    }

    /** Whether a TCP socket listens on 127.0.0.1:{@code port} (Linux's /proc/net/tcp, state 0A). */
    private static boolean listening(int port) {
        try {
            String local = String.format("0100007F:%04X", port);
            return Files.readAllLines(Path.of("/proc/net/tcp")).stream().map(l -> l.trim().split("\\s+"))
                    .anyMatch(f -> f.length > 3 && f[1].equals(local) && f[3].equals("0A"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Connects from {@code source} to 127.0.0.1:{@code to}, sends {@code bytes}, returns what came back ("" if reset). */
    private static String exchange(String source, int to, byte[] bytes) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), to), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketException reset) {
            return "";
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void behindHaproxyV1TheHandlerSeesTheRealClient() throws Exception {
        serve("{\"proxyProtocol\": {\"trusted\": [\"127.0.0.1/32\"]}}");
        int front = startHaproxy("send-proxy");
        String answer = exchange("127.0.0.3", front, ascii("hi\n"));
        assertTrue(answer.matches("127\\.0\\.0\\.3 \\d+ IPv4 false\nhi\n"), answer);
    }

    @Test
    void aManifestDenyOfTheRealClientHoldsBehindTheProxy() throws Exception {
        serve("{\"proxyProtocol\": {\"trusted\": [\"127.0.0.1/32\"]}, \"deny\": [\"127.0.0.2/32\"]}");
        int front = startHaproxy("send-proxy-v2");
        assertEquals("", exchange("127.0.0.2", front, ascii("hi\n")), "denied by its own address behind the proxy");
        assertTrue(exchange("127.0.0.3", front, ascii("hi\n")).startsWith("127.0.0.3 "));
        Await.until(() -> refusals().getOrDefault("denied", 0L) == 1, 10, this::refusals);
        assertEquals(Map.of("denied", 1L), refusals(), "the proxy (127.0.0.1) itself was never refused");
    }

    @Test
    void tlsBehindHaproxyV2SeesTheRealClientAndDecrypts() throws Exception {
        TestCerts.assumeOpenssl();
        TestCerts.selfSigned(root.resolve("certs"), "echo", "localhost", "ec");
        serve("{\"proxyProtocol\": {\"trusted\": [\"127.0.0.1/32\"]}, "
                + "\"tls\": {\"cert\": \"certs/echo.pem\", \"key\": \"certs/echo.key\"}}");
        int front = startHaproxy("send-proxy-v2");
        try (SSLSocket s = TlsClients.connect(front, "127.0.0.3", root.resolve("certs/echo.pem"), null, null,
                "localhost", List.of())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            assertTrue(line.matches("127\\.0\\.0\\.3 " + s.getLocalPort() + " IPv4 true"), line);
        }
    }

    @Test
    void anUntrustedSourceIsResetEvenWithAValidHeader() throws Exception {
        serve("{\"proxyProtocol\": {\"trusted\": [\"127.0.0.1/32\"]}}");
        assertEquals("", exchange("127.0.0.3", port, ascii("PROXY TCP4 203.0.113.7 127.0.0.1 40000 " + port
                + "\r\nhi\n")));
        Await.until(() -> refusals().getOrDefault("proxy_untrusted", 0L) == 1, 10, this::refusals);
    }

    @Test
    void aTrustedSourceWithoutHeaderOrWithGarbageIsRefusedByReason() throws Exception {
        serve("{\"proxyProtocol\": {\"trusted\": [\"127.0.0.0/8\"]}}");
        assertEquals("", exchange("127.0.0.1", port, ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n")));
        assertEquals("", exchange("127.0.0.1", port, ascii("PROXY TCP4 999.0.0.1 127.0.0.1 40000 1\r\nhi\n")));
        assertEquals("", exchange("127.0.0.1", port, ascii("PROXY TCP4 " + "1".repeat(200) + "\r\n")));
        assertEquals("", exchange("127.0.0.1", port, v2(0x21, 0x31, new byte[12])), "a UDP header on TCP");
        Await.until(() -> refusals().getOrDefault("proxy_missing", 0L) == 1
                && refusals().getOrDefault("proxy_malformed", 0L) == 3, 10, this::refusals);
    }

    @Test
    void aStalledHeaderIsCutAtTheTimeout() throws Exception {
        serve("{\"proxyProtocol\": {\"trusted\": [\"127.0.0.1/32\"]}}");
        long started = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(ascii("PROXY TCP4 "));
            assertEquals(-1, TlsOverLoopbackTest.readOrReset(s));
        }
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos(), "cut by the 500 ms timeout");
        Await.until(() -> refusals().getOrDefault("proxy_timeout", 0L) == 1, 10, this::refusals);
    }

    @Test
    void handWrittenV1AndV2HeadersCarryTheClientAndTheBytesAfterThem() throws Exception {
        serve("{\"proxyProtocol\": {\"trusted\": [\"127.0.0.1/32\"]}}");
        assertEquals("203.0.113.7 40001 IPv4 false\nping\n", exchange("127.0.0.1", port,
                ascii("PROXY TCP4 203.0.113.7 127.0.0.1 40001 " + port + "\r\nping\n")));
        byte[] v6 = new byte[36];
        ByteBuffer.wrap(v6).put(InetAddress.getByName("2001:db8::7").getAddress())
                .put(InetAddress.getByName("::1").getAddress()).putShort((short) 40002).putShort((short) port);
        byte[] header = v2(0x21, 0x21, v6);
        byte[] withData = ByteBuffer.allocate(header.length + 5).put(header).put(ascii("pong\n")).array();
        assertEquals("2001:db8::7 40002 IPv6 false\npong\n", exchange("127.0.0.1", port, withData));
    }

    @Test
    void aV2LocalCommandIsTheProxysOwnConnectionScreenedAsTheProxy() throws Exception {
        serve("{\"proxyProtocol\": {\"trusted\": [\"127.0.0.1/32\"]}}");
        byte[] local = v2(0x20, 0x00, new byte[0]);
        byte[] withData = ByteBuffer.allocate(local.length + 3).put(local).put(ascii("ok\n")).array();
        assertTrue(exchange("127.0.0.1", port, withData).matches("127\\.0\\.0\\.1 \\d+ IPv4 false\nok\n"));
    }

    /** A v2 header: the signature, version/command byte, family/transport byte, the address block. */
    private static byte[] v2(int versionCommand, int familyTransport, byte[] addresses) {
        byte[] sig = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
        return ByteBuffer.allocate(16 + addresses.length).put(sig).put((byte) versionCommand)
                .put((byte) familyTransport).putShort((short) addresses.length).put(addresses).array();
    }
}
