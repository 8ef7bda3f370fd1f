package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS terminated by the broker, against real clients on loopback: {@code openssl s_client} and the JDK's
 * {@link SSLSocket}, with certificates made by openssl for each test.
 */
class TlsOverLoopbackTest {

    /** Says what it knows of the connection, then echoes one chunk and ends. */
    static final String TELLER = """
            export function handle(conn) {
              const peer = conn.getPeerCertificate ? conn.getPeerCertificate() : null;
              conn.write(JSON.stringify({encrypted: conn.encrypted, alpn: conn.alpnProtocol, sni: conn.servername,
                protocol: conn.getProtocol ? conn.getProtocol() : null, authorized: conn.authorized,
                peer: peer && peer.subject ? peer.subject.CN : null, remote: conn.remoteAddress}) + '\\n');
              conn.on('data', (d) => conn.end(d));
            }
            """;

    @TempDir
    Path root;

    private Broker broker;
    private int port;

    @BeforeEach
    void needsOpenssl() {
        TestCerts.assumeOpenssl();
    }

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private void serve(String manifest) throws IOException {
        serve(manifest, Duration.ofSeconds(10));
    }

    private void serve(String manifest, Duration handshakeTimeout) throws IOException {
        port = FreePorts.next();
        Files.writeString(root.resolve("echo.tcp." + port + ".port.js"), TELLER);
        Files.writeString(root.resolve("echo.tcp." + port + ".port.json"), manifest);
        broker = Broker.builder(root).handshakeTimeout(handshakeTimeout).build().start();
        assertTrue(broker.status().get(0) instanceof HandlerStatus.Serving, () -> broker.status().toString());
    }

    private Map<String, Long> refusals() {
        return broker.refusals().getOrDefault("tcp/" + port, Map.of());
    }

    @Test
    void opensslClientGetsPlaintextEchoAndTheHandlerSeesSniAndAlpn() throws Exception {
        TestCerts.selfSigned(root.resolve("certs"), "echo", "localhost", "rsa");
        serve("{\"tls\": {\"cert\": \"certs/echo.pem\", \"key\": \"certs/echo.key\", \"alpn\": [\"echo/1\", \"h2\"]}}");
        TlsClients.SClient c = TlsClients.sClient(port, "hello over tls\n", "-servername", "echo.example",
                "-alpn", "h2");
        assertEquals("{\"encrypted\":true,\"alpn\":\"h2\",\"sni\":\"echo.example\",\"protocol\":\"TLSv1.3\","
                + "\"authorized\":false,\"peer\":null,\"remote\":\"127.0.0.1\"}\nhello over tls\n", c.out());
    }

    @Test
    void withoutSniOrAlpnTheyAreFalseAsInNodeAndTls12StillWorks() throws Exception {
        TestCerts.selfSigned(root.resolve("certs"), "echo", "localhost", "ec");
        serve("{\"tls\": {\"cert\": \"certs/echo.pem\", \"key\": \"certs/echo.key\"}}");
        TlsClients.SClient c = TlsClients.sClient(port, "x\n", "-noservername", "-tls1_2");
        assertEquals("{\"encrypted\":true,\"alpn\":false,\"sni\":false,\"protocol\":\"TLSv1.2\","
                + "\"authorized\":false,\"peer\":null,\"remote\":\"127.0.0.1\"}\nx\n", c.out());
    }

    @Test
    void javaClientVerifiesTheServedChainAndEchoes() throws Exception {
        TestCerts.selfSigned(root.resolve("certs"), "echo", "localhost", "ec");
        serve("{\"tls\": {\"cert\": \"certs/echo.pem\", \"key\": \"certs/echo.key\", \"alpn\": [\"echo/1\"]}}");
        try (SSLSocket s = TlsClients.connect(port, "127.0.0.1", root.resolve("certs/echo.pem"), null, null,
                "localhost", List.of("echo/1"))) {
            BufferedReader in = reader(s);
            assertTrue(in.readLine().contains("\"alpn\":\"echo/1\",\"sni\":\"localhost\""));
            assertEquals("echo/1", s.getApplicationProtocol());
            assertEquals("CN=localhost, O=Porthoster test",
                    ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName(
                            javax.security.auth.x500.X500Principal.RFC1779));
            s.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("ping", in.readLine());
        }
    }

    @Test
    void oldProtocolsAndForeignAlpnAreRefusedDuringTheHandshakeAndCounted() throws Exception {
        TestCerts.selfSigned(root.resolve("certs"), "echo", "localhost", "ec");
        serve("{\"tls\": {\"cert\": \"certs/echo.pem\", \"key\": \"certs/echo.key\", \"alpn\": [\"echo/1\"]}}");
        assertEquals("", TlsClients.sClient(port, "x\n", "-tls1_1").out());
        assertEquals("", TlsClients.sClient(port, "x\n", "-alpn", "h2").out());
        Await.until(() -> refusals().getOrDefault("tls_no_common", 0L) == 2, 10, this::refusals);
    }

    @Test
    void clientCertificateRequiredServesTheCasClientsAndRefusesOthersByReason() throws Exception {
        Path certs = root.resolve("certs");
        TestCerts.selfSigned(certs, "echo", "localhost", "ec");
        TestCerts.ca(certs, "clients-ca", "Clients CA");
        TestCerts.issued(certs, "clients-ca", "alice", "alice");
        TestCerts.ca(certs, "other-ca", "Other CA");
        TestCerts.issued(certs, "other-ca", "mallory", "mallory");
        serve("{\"tls\": {\"cert\": \"certs/echo.pem\", \"key\": \"certs/echo.key\", "
                + "\"clientAuth\": {\"ca\": \"certs/clients-ca.pem\", \"mode\": \"require\"}}}");
        TlsClients.SClient alice = TlsClients.sClient(port, "hi\n", "-cert", certs.resolve("alice.pem").toString(),
                "-key", certs.resolve("alice.key").toString());
        assertTrue(alice.out().startsWith("{\"encrypted\":true,") && alice.out().contains("\"authorized\":true,"
                + "\"peer\":\"alice\""), alice.out());
        assertEquals("", TlsClients.sClient(port, "hi\n").out(), "no certificate, no handler");
        assertEquals("", TlsClients.sClient(port, "hi\n", "-cert", certs.resolve("mallory.pem").toString(),
                "-key", certs.resolve("mallory.key").toString()).out(), "a certificate of another CA, no handler");
        try (SSLSocket s = TlsClients.connect(port, "127.0.0.1", certs.resolve("echo.pem"),
                certs.resolve("alice.pem"), certs.resolve("alice.key"), "localhost", List.of())) {
            assertTrue(reader(s).readLine().contains("\"peer\":\"alice\""));
        }
        Await.until(() -> refusals().getOrDefault("tls_client_cert_missing", 0L) == 1
                && refusals().getOrDefault("tls_client_cert_rejected", 0L) == 1, 10, this::refusals);
    }

    @Test
    void clientCertificateRequestedServesClientsWithoutOne() throws Exception {
        Path certs = root.resolve("certs");
        TestCerts.selfSigned(certs, "echo", "localhost", "ec");
        TestCerts.ca(certs, "clients-ca", "Clients CA");
        TestCerts.issued(certs, "clients-ca", "alice", "alice");
        serve("{\"tls\": {\"cert\": \"certs/echo.pem\", \"key\": \"certs/echo.key\", "
                + "\"clientAuth\": {\"ca\": \"certs/clients-ca.pem\", \"mode\": \"request\"}}}");
        assertTrue(TlsClients.sClient(port, "hi\n").out().contains("\"authorized\":false,\"peer\":null"));
        assertTrue(TlsClients.sClient(port, "hi\n", "-cert", certs.resolve("alice.pem").toString(),
                "-key", certs.resolve("alice.key").toString()).out().contains("\"authorized\":true,\"peer\":\"alice\""));
    }

    @Test
    void aStalledHandshakeIsCutAtTheTimeoutAndCounted() throws Exception {
        TestCerts.selfSigned(root.resolve("certs"), "echo", "localhost", "ec");
        serve("{\"tls\": {\"cert\": \"certs/echo.pem\", \"key\": \"certs/echo.key\"}}", Duration.ofMillis(300));
        long started = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01}); // the start of a ClientHello, then nothing
            assertEquals(-1, readOrReset(s), "the broker closes the stalled connection");
        }
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos(), "cut by the 300 ms timeout");
        Await.until(() -> refusals().getOrDefault("tls_timeout", 0L) == 1, 10, this::refusals);
    }

    @Test
    void aDeniedSourceIsResetBeforeAnyHandshake() throws Exception {
        TestCerts.selfSigned(root.resolve("certs"), "echo", "localhost", "ec");
        serve("{\"deny\": [\"127.0.0.2/32\"], \"tls\": {\"cert\": \"certs/echo.pem\", \"key\": \"certs/echo.key\"}}");
        assertThrows(IOException.class, () -> { // the reset may come before connect() returns, or during the handshake
            try (SSLSocket s = TlsClients.connect(port, "127.0.0.2", root.resolve("certs/echo.pem"), null, null,
                    "localhost", List.of())) {
                s.startHandshake();
            }
        });
        Await.until(() -> refusals().getOrDefault("denied", 0L) == 1, 10, this::refusals);
        assertEquals(Map.of("denied", 1L), refusals(), "refused by screening, no handshake was attempted");
        try (SSLSocket ok = TlsClients.connect(port, "127.0.0.3", root.resolve("certs/echo.pem"), null, null,
                "localhost", List.of())) {
            assertTrue(reader(ok).readLine().contains("\"remote\":\"127.0.0.3\""));
        }
    }

    @Test
    void plaintextToATlsPortIsRefusedAndCountedAndTheHandlerNeverSeesIt() throws Exception {
        TestCerts.selfSigned(root.resolve("certs"), "echo", "localhost", "ec");
        serve("{\"tls\": {\"cert\": \"certs/echo.pem\", \"key\": \"certs/echo.key\"}}");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = s.getInputStream().readAllBytes();
            assertFalse(new String(answer, StandardCharsets.ISO_8859_1).contains("encrypted"));
        } catch (SocketException reset) {
            // closed with a reset: also not served
        }
        Await.until(() -> refusals().getOrDefault("tls_not_tls", 0L) == 1, 10, this::refusals);
    }

    static BufferedReader reader(SSLSocket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    /** -1 when the peer closed, also when it reset. */
    static int readOrReset(Socket s) throws IOException {
        try {
            return s.getInputStream().read();
        } catch (SocketException reset) {
            return -1;
        }
    }
}
