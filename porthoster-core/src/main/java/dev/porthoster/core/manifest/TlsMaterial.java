package dev.porthoster.core.manifest;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * A manifest's {@code tls} files, read and checked: the key matches the first certificate and every certificate of
 * the chain is valid now. Two are equal when the same bytes were read for the same rules ({@link #fingerprint()}), so
 * a reload can tell a new certificate on disk from an unchanged one.
 *
 * @param rules         the manifest's {@code tls}, which named the files
 * @param key           the private key
 * @param chain         the certificate chain, leaf first
 * @param clientIssuers the certificates of {@code clientAuth.ca}; empty without {@code clientAuth}
 * @param fingerprint   SHA-256 over the files' bytes and the rules, in hex
 */
public record TlsMaterial(Manifest.Tls rules, PrivateKey key, List<X509Certificate> chain,
                          List<X509Certificate> clientIssuers, String fingerprint) {

    public TlsMaterial {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        clientIssuers = List.copyOf(clientIssuers);
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs a certificate");
        }
    }

    /** The leaf certificate's subject, as RFC 2253 writes it: {@code CN=example.net,O=Example}. */
    public String subject() {
        return chain.get(0).getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** When the leaf certificate expires. */
    public Instant notAfter() {
        return chain.get(0).getNotAfter().toInstant();
    }

    /** When the leaf certificate became valid. */
    public Instant notBefore() {
        return chain.get(0).getNotBefore().toInstant();
    }

    /** Equal when the same bytes were read for the same rules. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TlsMaterial other && other.fingerprint.equals(fingerprint);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "TlsMaterial[" + subject() + ", until " + notAfter() + ", " + fingerprint.substring(0, 12) + "]";
    }
}
