package dev.porthoster.core.internal.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.porthoster.core.manifest.Manifest;
import dev.porthoster.core.manifest.TlsMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key and certificate forms OpenSSL writes, each made by the real {@code openssl} command, and the ways a pair
 * can be unusable.
 */
class TlsFilesTest {

    @TempDir
    Path root;

    @BeforeEach
    void needsOpenssl() {
        assumeTrue(sh("openssl version"), "needs the openssl command (Debian package openssl)");
    }

    private boolean sh(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", command).directory(root.toFile()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run(String command) {
        assertTrue(sh(command), command);
    }

    private static Manifest.Tls tls(String cert, String key) {
        return new Manifest.Tls(cert, key);
    }

    private TlsMaterial load(String cert, String key) throws TlsFiles.Refused {
        return TlsFiles.load(root, tls(cert, key), Instant.now());
    }

    private String refusal(String cert, String key) {
        return assertThrows(TlsFiles.Refused.class, () -> load(cert, key)).reason();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // PKCS#8, as OpenSSL 3 writes every new key
            "openssl req -x509 -nodes -days 2 -newkey rsa:2048 -subj /CN=t -keyout k.pem -out c.pem",
            "openssl req -x509 -nodes -days 2 -newkey ec -pkeyopt ec_paramgen_curve:P-384 -subj /CN=t -keyout k.pem -out c.pem",
            "openssl req -x509 -nodes -days 2 -newkey ed25519 -subj /CN=t -keyout k.pem -out c.pem",
            // the traditional forms: PKCS#1 RSA, SEC1 EC with its curve inside, and ecparam's EC PARAMETERS + key
            "openssl genrsa -traditional -out k.pem 2048 && openssl req -x509 -days 2 -key k.pem -subj /CN=t -out c.pem",
            "openssl ecparam -name prime256v1 -genkey -noout -out k.pem && openssl req -x509 -days 2 -key k.pem -subj /CN=t -out c.pem",
            "openssl ecparam -name secp384r1 -genkey -out k.pem && openssl req -x509 -days 2 -key k.pem -subj /CN=t -out c.pem",
    })
    void everyKeyFormOpensslWritesIsReadAndMatched(String make) throws Exception {
        run(make);
        TlsMaterial m = load("c.pem", "k.pem");
        assertEquals("CN=t", m.subject());
        assertTrue(m.notAfter().isAfter(Instant.now()));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedNamingBothFiles() throws Exception {
        run("openssl req -x509 -nodes -days 2 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj /CN=one -keyout k1.pem -out c1.pem");
        run("openssl req -x509 -nodes -days 2 -newkey rsa:2048 -subj /CN=two -keyout k2.pem -out c2.pem");
        assertEquals("tls.key: k2.pem does not match the certificate in c1.pem (CN=one); give the key the certificate "
                + "was issued for", refusal("c1.pem", "k2.pem"));
    }

    @Test
    void aFullChainLeafFirstIsServedAndOneOutOfOrderIsRefused() throws Exception {
        run("openssl req -x509 -nodes -days 2 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj /CN=ca "
                + "-addext basicConstraints=critical,CA:TRUE -keyout ca.key -out ca.pem");
        run("openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj /CN=leaf -keyout leaf.key -out leaf.csr"
                + " && openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out leaf.pem");
        run("cat leaf.pem ca.pem > chain.pem && cat ca.pem leaf.pem > backwards.pem");
        assertEquals(2, load("chain.pem", "leaf.key").chain().size());
        assertTrue(refusal("backwards.pem", "leaf.key").startsWith("tls.cert: backwards.pem: certificate 2 (CN=leaf) "
                + "did not issue the one before it"), refusal("backwards.pem", "leaf.key"));
    }

    @Test
    void encryptedKeysAndWrongFilesAreRefusedWithWhatToDo() throws Exception {
        run("openssl req -x509 -nodes -days 2 -newkey rsa:2048 -subj /CN=t -keyout k.pem -out c.pem");
        run("openssl pkey -in k.pem -aes256 -passout pass:secret -out enc.pem");
        assertTrue(refusal("c.pem", "enc.pem").startsWith("tls.key: enc.pem: the key is encrypted with a passphrase"));
        assertEquals("tls.key: c.pem: it holds no PEM private key (-----BEGIN PRIVATE KEY-----)", refusal("c.pem", "c.pem"));
        assertEquals("tls.cert: k.pem: it holds a private key; the certificate file must hold certificates only (put "
                + "the key in the file tls.key names)", refusal("k.pem", "k.pem"));
        Files.writeString(root.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
        assertTrue(refusal("junk.pem", "k.pem").startsWith("tls.cert: junk.pem: certificate 1 in it cannot be read: "),
                refusal("junk.pem", "k.pem"));
    }

    @Test
    void aFifoIsNeverOpenedAndAHugeFileNeverRead() throws Exception {
        run("openssl req -x509 -nodes -days 2 -newkey rsa:2048 -subj /CN=t -keyout k.pem -out c.pem");
        run("mkfifo fifo.pem");
        assertEquals("tls.cert: fifo.pem is a FIFO or other special file; it must be a regular file",
                refusal("fifo.pem", "k.pem"));
        Files.write(root.resolve("big.pem"), new byte[(1 << 20) + 1]);
        assertEquals("tls.cert: big.pem is larger than 1024 KiB", refusal("big.pem", "k.pem"));
    }

    @Test
    void theFingerprintChangesWithTheBytesAndOnlyWithThem() throws Exception {
        run("openssl req -x509 -nodes -days 2 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj /CN=t -keyout k.pem -out c.pem");
        TlsMaterial first = load("c.pem", "k.pem");
        assertEquals(first, load("c.pem", "k.pem"));
        run("openssl req -x509 -nodes -days 2 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -subj /CN=t -keyout k.pem -out c.pem");
        assertNotEquals(first, load("c.pem", "k.pem"));
        Files.writeString(root.resolve("ca.pem"), Files.readString(root.resolve("c.pem"), StandardCharsets.US_ASCII));
        Manifest.Tls withClients = new Manifest.Tls("c.pem", "k.pem", List.of("h2"),
                Optional.of(new Manifest.ClientAuth("ca.pem", Manifest.ClientAuth.Mode.REQUIRE)));
        assertEquals(1, TlsFiles.load(root, withClients, Instant.now()).clientIssuers().size());
    }
}
