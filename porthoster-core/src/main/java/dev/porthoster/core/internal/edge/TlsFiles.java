package dev.porthoster.core.internal.edge;

import dev.porthoster.core.manifest.Manifest;
import dev.porthoster.core.manifest.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.security.auth.x500.X500Principal;

/**
 * Reads a manifest's {@code tls} files as the broker reads imports: each path must stay inside the content root (by
 * its real path, so a link cannot lead out), name no {@code _} or {@code .} component (never synced), be a regular
 * file (checked before it is opened, so a FIFO is never opened) of bounded size, read on a helper thread within a
 * time limit. Then checks what it read: the key matches the leaf certificate, every certificate of the chain is valid
 * now and the chain is in order. Any failure is a {@link Refused} naming the key, the file and the reason.
 */
public final class TlsFiles {

    /** The largest certificate or CA file read: a chain is a few KiB, a CA bundle a few hundred. */
    static final int MAX_CERT_BYTES = 1 << 20;
    /** The largest key file read. */
    static final int MAX_KEY_BYTES = 64 << 10;
    /** The most certificates in {@code tls.cert}. */
    static final int MAX_CHAIN = 10;
    /** The most certificates in {@code tls.clientAuth.ca}. */
    static final int MAX_ISSUERS = 1000;
    /** How long reading one file may take. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private static final ExecutorService READERS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("porthoster-tls-read-", 0).factory());

    /** A {@code tls} file that cannot be served, as data: the manifest key, and the reason with the file in it. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String key;

        Refused(String key, String reason) {
            super(reason, null, false, false);
            this.key = key;
        }

        /** The manifest key at fault: {@code tls.cert}, {@code tls.key} or {@code tls.clientAuth.ca}. */
        public String key() {
            return key;
        }

        /** {@code tls.cert: certs/x.pem: the certificate expired on ...}. */
        public String reason() {
            return key + ": " + getMessage();
        }
    }

    private TlsFiles() {
    }

    /** Reads and checks the files {@code tls} names under {@code root}, as of {@code now}. */
    public static TlsMaterial load(Path root, Manifest.Tls tls, Instant now) throws Refused {
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new Refused("tls", "cannot resolve the content root: " + e.getMessage());
        }
        byte[] certBytes = read(root, realRoot, tls.cert(), "tls.cert", MAX_CERT_BYTES);
        byte[] keyBytes = read(root, realRoot, tls.key(), "tls.key", MAX_KEY_BYTES);
        List<X509Certificate> chain;
        PrivateKey key;
        try {
            chain = Pem.certificates(certBytes, MAX_CHAIN);
        } catch (Pem.Bad e) {
            throw new Refused("tls.cert", tls.cert() + ": " + e.getMessage());
        }
        try {
            key = Pem.privateKey(keyBytes);
        } catch (Pem.Bad e) {
            throw new Refused("tls.key", tls.key() + ": " + e.getMessage());
        }
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            String which = chain.size() == 1 ? "the certificate" : i == 0 ? "the leaf certificate"
                    : "certificate " + (i + 1) + " of the chain (" + name(c) + ")";
            if (now.isAfter(c.getNotAfter().toInstant())) {
                throw new Refused("tls.cert", tls.cert() + ": " + which + " expired on " + c.getNotAfter().toInstant()
                        + "; renew it");
            }
            if (now.isBefore(c.getNotBefore().toInstant())) {
                throw new Refused("tls.cert", tls.cert() + ": " + which + " is not valid before "
                        + c.getNotBefore().toInstant() + "; check the clock, or issue it again");
            }
            if (i > 0 && !chain.get(i - 1).getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
                throw new Refused("tls.cert", tls.cert() + ": certificate " + (i + 1) + " (" + name(c) + ") did not "
                        + "issue the one before it (issued by " + chain.get(i - 1).getIssuerX500Principal().getName(
                        X500Principal.RFC2253) + "); put the leaf first, then each issuer in turn");
            }
        }
        if (!matches(key, chain.get(0))) {
            throw new Refused("tls.key", tls.key() + " does not match the certificate in " + tls.cert() + " ("
                    + name(chain.get(0)) + "); give the key the certificate was issued for");
        }
        List<X509Certificate> issuers = List.of();
        byte[] caBytes = new byte[0];
        if (tls.clientAuth().isPresent()) {
            String ca = tls.clientAuth().get().ca();
            caBytes = read(root, realRoot, ca, "tls.clientAuth.ca", MAX_CERT_BYTES);
            try {
                issuers = Pem.certificates(caBytes, MAX_ISSUERS);
            } catch (Pem.Bad e) {
                throw new Refused("tls.clientAuth.ca", ca + ": " + e.getMessage());
            }
        }
        return new TlsMaterial(tls, key, chain, issuers, fingerprint(tls, certBytes, keyBytes, caBytes));
    }

    private static String name(X509Certificate c) {
        return c.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    static boolean matches(PrivateKey key, X509Certificate cert) {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature sign = signature(key.getAlgorithm());
            sign.initSign(key);
            sign.update(challenge);
            byte[] signed = sign.sign();
            Signature verify = signature(key.getAlgorithm());
            verify.initVerify(cert.getPublicKey());
            verify.update(challenge);
            return verify.verify(signed);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // a key of another type than the certificate's
        }
    }

    private static Signature signature(String keyAlgorithm) throws GeneralSecurityException {
        return switch (keyAlgorithm) {
            case "RSA" -> Signature.getInstance("SHA256withRSA");
            case "EC" -> Signature.getInstance("SHA256withECDSA");
            case "RSASSA-PSS" -> {
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield s;
            }
            default -> Signature.getInstance(keyAlgorithm); // Ed25519, Ed448, EdDSA
        };
    }

    private static byte[] read(Path root, Path realRoot, String relative, String key, int maxBytes) throws Refused {
        Path rel = Path.of(relative).normalize();
        if (rel.isAbsolute() || rel.startsWith("..") || rel.toString().isEmpty()) {
            throw new Refused(key, relative + " is not a path inside the content root");
        }
        if (ignored(rel)) {
            throw new Refused(key, relative + " has a path component starting with '_' or '.', and such paths are "
                    + "never synced; move the file");
        }
        Path real;
        try {
            real = root.resolve(rel).toRealPath();
        } catch (NoSuchFileException e) {
            throw new Refused(key, relative + " does not exist");
        } catch (IOException e) {
            throw new Refused(key, relative + " cannot be read: " + e.getMessage());
        }
        if (!real.startsWith(realRoot)) {
            throw new Refused(key, relative + " leads outside the content root (to " + real + "); keep TLS files "
                    + "inside the root");
        }
        if (ignored(realRoot.relativize(real))) {
            throw new Refused(key, relative + " leads to a path with a component starting with '_' or '.', and such "
                    + "paths are never synced");
        }
        try {
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                throw new Refused(key, relative + " is " + (a.isDirectory() ? "a directory" : "a FIFO or other special file")
                        + "; it must be a regular file");
            }
            if (a.size() > maxBytes) {
                throw new Refused(key, relative + " is larger than " + (maxBytes >> 10) + " KiB");
            }
        } catch (IOException e) {
            throw new Refused(key, relative + " cannot be read: " + e.getMessage());
        }
        Future<byte[]> bytes = READERS.submit(() -> {
            try (InputStream in = Files.newInputStream(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                return in.readNBytes(maxBytes + 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            byte[] out = bytes.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (out.length > maxBytes) {
                throw new Refused(key, relative + " is larger than " + (maxBytes >> 10) + " KiB");
            }
            return out;
        } catch (TimeoutException e) {
            bytes.cancel(true);
            throw new Refused(key, "reading " + relative + " took longer than " + READ_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            bytes.cancel(true);
            Thread.currentThread().interrupt();
            throw new Refused(key, "interrupted while reading " + relative);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            throw new Refused(key, relative + " cannot be read: " + cause.getMessage());
        }
    }

    private static boolean ignored(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith("_") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String fingerprint(Manifest.Tls tls, byte[] cert, byte[] key, byte[] ca) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] part : List.of(tls.toString().getBytes(StandardCharsets.UTF_8), cert, key, ca)) {
                d.update(java.nio.ByteBuffer.allocate(4).putInt(part.length).array());
                d.update(part);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
