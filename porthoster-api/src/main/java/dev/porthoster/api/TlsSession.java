package dev.porthoster.api;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS session of a connection whose TLS the broker terminated (a manifest's {@code tls}): what a handler may know
 * of it once the handshake is done. The handler itself reads and writes plaintext.
 *
 * @param protocol            the protocol version, {@code TLSv1.3} or {@code TLSv1.2}
 * @param cipherSuite         the cipher suite's standard (IANA) name, such as {@code TLS_AES_128_GCM_SHA256}
 * @param applicationProtocol the protocol agreed by ALPN, if the client offered one the manifest's {@code alpn} lists
 * @param serverName          the host name the client asked for (SNI), if it sent one
 * @param peerCertificates    the client's certificate chain, leaf first, verified against the manifest's
 *                            {@code clientAuth.ca}; empty when the client sent none (only possible without
 *                            {@code "mode": "require"})
 */
public record TlsSession(String protocol, String cipherSuite, Optional<String> applicationProtocol,
                         Optional<String> serverName, List<X509Certificate> peerCertificates) {

    public TlsSession {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
        Objects.requireNonNull(applicationProtocol, "applicationProtocol");
        Objects.requireNonNull(serverName, "serverName");
        peerCertificates = List.copyOf(peerCertificates);
    }

    /** Whether the client presented a certificate, verified against the manifest's {@code clientAuth.ca}. */
    public boolean authorized() {
        return !peerCertificates.isEmpty();
    }
}
