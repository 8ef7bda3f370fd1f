package dev.porthoster.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway certificates for tests, made by the real {@code openssl} command (and the JDK's {@code keytool} for
 * certificates valid only in the past or the future, which OpenSSL 3.0's {@code req} cannot date): a test that
 * cannot run them is skipped with the reason.
 */
final class TestCerts {

    private TestCerts() {
    }

    /** Skips the calling test unless {@code openssl} runs. */
    static void assumeOpenssl() {
        assumeTrue(runs(List.of("openssl", "version")), "needs the openssl command (Debian package openssl)");
    }

    static boolean runs(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs a command in {@code dir}; fails the test with its output when it fails. */
    static String run(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    /**
     * A self-signed certificate {@code dir/name.pem} (CN {@code cn}, SAN DNS:localhost and IP:127.0.0.1, valid 30
     * days) and its key {@code dir/name.key}; {@code keyType} is {@code rsa} (2048 bits) or {@code ec} (P-256).
     */
    static void selfSigned(Path dir, String name, String cn, String keyType) throws IOException {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "30",
                "-subj", "/O=Porthoster test/CN=" + cn, "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", name + ".key", "-out", name + ".pem"));
        cmd.addAll(keyType.equals("ec") ? List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256")
                : List.of("-newkey", "rsa:2048"));
        run(dir, cmd.toArray(String[]::new));
    }

    /** A CA {@code dir/name.pem} + {@code .key} that can sign client certificates. */
    static void ca(Path dir, String name, String cn) throws IOException {
        Files.createDirectories(dir);
        run(dir, "openssl", "req", "-x509", "-nodes", "-days", "30", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-subj", "/O=Porthoster test CA/CN=" + cn,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", name + ".key", "-out", name + ".pem");
    }

    /** A certificate {@code dir/name.pem} + {@code .key} for {@code cn}, issued by the CA {@code dir/ca.pem}. */
    static void issued(Path dir, String ca, String name, String cn) throws IOException {
        run(dir, "openssl", "req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-subj", "/O=Porthoster test clients/CN=" + cn, "-keyout", name + ".key", "-out", name + ".csr");
        run(dir, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
                "-CAcreateserial", "-days", "30", "-out", name + ".pem");
    }

    /**
     * A self-signed EC certificate and key ({@code dir/name.pem}, {@code .key}) valid only from {@code startDays}
     * for {@code validDays} (negative {@code startDays}: in the past), made by keytool and turned into PEM by openssl.
     */
    static void dated(Path dir, String name, String cn, int startDays, int validDays) throws IOException {
        Files.createDirectories(dir);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(dir, keytool, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + cn, "-startdate", (startDays < 0 ? "-" : "+") + Math.abs(startDays) + "d",
                "-validity", String.valueOf(validDays), "-keystore", name + ".p12", "-storetype", "PKCS12",
                "-storepass", "changeit");
        run(dir, "openssl", "pkcs12", "-in", name + ".p12", "-passin", "pass:changeit", "-nokeys", "-out", name + ".pem");
        run(dir, "openssl", "pkcs12", "-in", name + ".p12", "-passin", "pass:changeit", "-nocerts", "-nodes",
                "-out", name + ".key");
    }
}
