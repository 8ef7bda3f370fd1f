package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerStatus;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest's certificate files as the broker reads them: a bad pair refuses the handler (with the file and the
 * reason, in {@code check} too), a new certificate on disk is served to new connections without closing the port or
 * the connections already open, and a bad new one leaves the old one serving.
 */
class TlsCertificateFilesTest {

    private static final String MANIFEST = "{\"tls\": {\"cert\": \"certs/echo.pem\", \"key\": \"certs/echo.key\"}}";

    @TempDir
    Path root;

    @TempDir
    Path elsewhere;

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

    private void files(String manifest) throws IOException {
        port = FreePorts.next();
        Files.writeString(root.resolve("echo.tcp." + port + ".port.js"), TlsOverLoopbackTest.TELLER);
        Files.writeString(root.resolve("echo.tcp." + port + ".port.json"), manifest);
    }

    private String check() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(new String[] {"check", root.toString(), "--no-load"});
        return status + " " + out.toString(StandardCharsets.UTF_8);
    }

    private String servedSubject() throws Exception {
        try (SSLSocket s = TlsClients.connect(port, "127.0.0.1", root.resolve("trusted.pem"), null, null, "localhost",
                List.of())) {
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    /** Trust every certificate made so far under certs/ and old/ (the client must accept both before and after). */
    private void trustAll(Path... pems) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path p : pems) {
            all.append(Files.readString(p));
        }
        Files.writeString(root.resolve("trusted.pem"), all.toString());
    }

    @Test
    void aNewCertificateOnDiskServesNewConnectionsWhileOpenOnesAndThePortStay() throws Exception {
        TestCerts.selfSigned(root.resolve("certs"), "echo", "first", "ec");
        TestCerts.selfSigned(elsewhere, "next", "second", "ec");
        trustAll(root.resolve("certs/echo.pem"), elsewhere.resolve("next.pem"));
        files(MANIFEST);
        broker = Broker.builder(root).watch(true).build().start();
        InetSocketAddress bound = ((HandlerStatus.Serving) broker.status().get(0)).address();
        try (SSLSocket before = TlsClients.connect(port, "127.0.0.1", root.resolve("trusted.pem"), null, null,
                "localhost", List.of())) {
            BufferedReader in = TlsOverLoopbackTest.reader(before);
            assertTrue(in.readLine().startsWith("{\"encrypted\":true"));
            assertEquals("CN=first,O=Porthoster test", ((X509Certificate) before.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal().getName());

            // A renewal as certbot's deploy hook would do it: new key and certificate moved into place.
            Files.move(elsewhere.resolve("next.key"), root.resolve("certs/echo.key"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.move(elsewhere.resolve("next.pem"), root.resolve("certs/echo.pem"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Await.until(() -> {
                try {
                    return servedSubject().equals("CN=second,O=Porthoster test");
                } catch (Exception e) {
                    return false;
                }
            }, 20, () -> broker.status());

            before.getOutputStream().write("still here\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("still here", in.readLine(), "the connection opened before the renewal keeps working");
        }
        assertEquals(bound, ((HandlerStatus.Serving) broker.status().get(0)).address(), "the port never closed");
    }

    @Test
    void aBadNewCertificateLeavesTheOldOneServingAndSaysWhy() throws Exception {
        TestCerts.selfSigned(root.resolve("certs"), "echo", "first", "ec");
        TestCerts.selfSigned(elsewhere, "other", "other", "ec");
        trustAll(root.resolve("certs/echo.pem"));
        files(MANIFEST);
        broker = Broker.builder(root).build().start();
        Files.copy(elsewhere.resolve("other.pem"), root.resolve("certs/echo.pem"), StandardCopyOption.REPLACE_EXISTING);
        broker.reload();
        assertEquals("CN=first,O=Porthoster test", servedSubject());
        String refusal = broker.status().stream().filter(s -> s instanceof HandlerStatus.Refused)
                .map(s -> ((HandlerStatus.Refused) s).reason()).findFirst().orElseThrow();
        assertEquals("echo.tcp." + port + ".port.json:1: tls.key: certs/echo.key does not match the certificate in "
                + "certs/echo.pem (CN=other,O=Porthoster test); give the key the certificate was issued for; "
                + "the previous version keeps serving", refusal);
    }

    @Test
    void anExpiredCertificateRefusesTheHandlerInCheckAndInTheBroker() throws Exception {
        TestCerts.dated(root.resolve("certs"), "echo", "old", -10, 2);
        files(MANIFEST);
        String check = check();
        assertTrue(check.startsWith("1 "), check);
        assertTrue(check.contains("refuse  echo.tcp." + port + ".port.json:1: tls.cert: certs/echo.pem: the certificate "
                + "expired on "), check);
        assertTrue(check.contains("; renew it; so echo.tcp." + port + ".port.js is not served; nothing was opened"),
                check);
        broker = Broker.builder(root).build().start();
        assertTrue(broker.status().stream().noneMatch(s -> s instanceof HandlerStatus.Serving), () -> broker.status()
                .toString());
    }

    @Test
    void aCertificateNotYetValidIsRefused() throws Exception {
        TestCerts.dated(root.resolve("certs"), "echo", "future", 10, 30);
        files(MANIFEST);
        String check = check();
        assertTrue(check.contains("tls.cert: certs/echo.pem: the certificate is not valid before "), check);
    }

    @Test
    void filesOutsideTheRootMissingOrNotRegularAreRefusedWithTheFile() throws Exception {
        TestCerts.selfSigned(elsewhere, "echo", "x", "ec");
        Files.createDirectories(root.resolve("certs"));
        Files.createSymbolicLink(root.resolve("certs/echo.pem"), elsewhere.resolve("echo.pem"));
        Files.copy(elsewhere.resolve("echo.key"), root.resolve("certs/echo.key"));
        files(MANIFEST);
        assertTrue(check().contains("tls.cert: certs/echo.pem leads outside the content root (to "
                + elsewhere.toRealPath().resolve("echo.pem") + "); keep TLS files inside the root"), check());
        Files.delete(root.resolve("certs/echo.pem"));
        assertTrue(check().contains("tls.cert: certs/echo.pem does not exist"), check());
        Files.createDirectory(root.resolve("certs/echo.pem"));
        assertTrue(check().contains("tls.cert: certs/echo.pem is a directory; it must be a regular file"), check());
        Files.writeString(root.resolve("echo.tcp." + port + ".port.json"),
                "{\"tls\": {\"cert\": \"_private/echo.pem\", \"key\": \"certs/echo.key\"}}");
        assertTrue(check().contains("tls.cert: _private/echo.pem has a path component starting with '_' or '.', and "
                + "such paths are never synced; move the file"), check());
    }

    @Test
    void checkPrintsEachPortsTlsProxyTrustAndFirewallOpening() throws Exception {
        TestCerts.selfSigned(root.resolve("certs"), "echo", "localhost", "ec");
        files("{\"proxyProtocol\": {\"trusted\": [\"10.0.0.0/8\"]}, \"tls\": {\"cert\": \"certs/echo.pem\", "
                + "\"key\": \"certs/echo.key\", \"alpn\": [\"h2\"]}}");
        String check = check();
        assertTrue(check.startsWith("0 "), check);
        assertTrue(check.contains("tls: on, CN=localhost,O=Porthoster test, expires "), check);
        assertTrue(check.contains(" from certs/echo.pem; alpn h2\n"), check);
        assertTrue(check.contains("proxy: PROXY v1/v2 header required; only from 10.0.0.0/8 (any other source is "
                + "refused)"), check);
        assertTrue(check.contains("firewall: with --firewall nftables opens tcp/" + port), check);
    }

    @Test
    void aJavaHandlerServesTlsFromItsRulesAndSeesTheSession() throws Exception {
        TestCerts.selfSigned(root.resolve("certs"), "java", "localhost", "ec");
        port = FreePorts.next();
        dev.porthoster.core.manifest.Manifest rules = dev.porthoster.core.manifest.Manifest.defaults()
                .withTls(new dev.porthoster.core.manifest.Manifest.Tls("certs/java.pem", "certs/java.key"));
        dev.porthoster.api.TcpHandler handler = (conn, ctx) -> {
            conn.write((conn.tls().map(t -> t.protocol() + " " + t.serverName().orElse("-")).orElse("plain") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return dev.porthoster.api.Conn.Listener.IGNORE;
        };
        broker = Broker.builder(root).handler(new dev.porthoster.api.PortSpec("greeter",
                dev.porthoster.api.Protocol.TCP, port), handler, rules).build().start();
        try (SSLSocket s = TlsClients.connect(port, "127.0.0.1", root.resolve("certs/java.pem"), null, null,
                "localhost", List.of())) {
            assertEquals("TLSv1.3 localhost", TlsOverLoopbackTest.reader(s).readLine());
        }
    }
}
