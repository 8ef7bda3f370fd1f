package dev.porthoster.api.spi;

import java.net.InetAddress;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What stands between a TCP port's socket and its handler, in the order a new connection meets it: a PROXY protocol
 * header read from a trusted load balancer (so screening sees the real client), then screening (the broker's), then
 * a TLS handshake (so the handler reads plaintext). The transport asks its acceptor for the edge in force at every
 * accept ({@link Transport.TcpAcceptor#edge()}), so a new certificate applies to new connections without closing the
 * port or the connections already open.
 *
 * @param proxy the PROXY protocol, if the port is behind load balancers that send it
 * @param tls   TLS termination, if the port serves TLS
 */
public record TcpEdge(Optional<Proxy> proxy, Optional<Tls> tls) {

    /** Plain TCP: no PROXY header is read and no TLS is terminated. */
    public static final TcpEdge NONE = new TcpEdge(Optional.empty(), Optional.empty());

    public TcpEdge {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(tls, "tls");
    }

    /**
     * PROXY protocol v1 and v2 from trusted sources only. A connection from any other source is refused
     * ({@link EdgeRefusal#PROXY_UNTRUSTED}) before a byte of it is read; a trusted one must send a valid header within
     * {@code headerTimeout}.
     *
     * @param trusted       whether a connection's own source (the load balancer) may send a header
     * @param headerTimeout how long a trusted source may take to send its header
     */
    public record Proxy(Predicate<InetAddress> trusted, Duration headerTimeout) {
        public Proxy {
            Objects.requireNonNull(trusted, "trusted");
            Objects.requireNonNull(headerTimeout, "headerTimeout");
        }
    }

    /** Whether and how a client proves who it is with a certificate. */
    public enum ClientAuth {
        /** No client certificate is asked for. */
        NONE,
        /** A client certificate is asked for; a client may send none, but one it sends must verify. */
        REQUEST,
        /** A client must send a certificate that verifies against the trusted issuers. */
        REQUIRE
    }

    /**
     * TLS termination: TLS 1.3 and 1.2 only, with modern cipher suites, decided by the transport.
     *
     * @param key              the private key matching the first certificate of {@code chain}
     * @param chain            the server's certificate chain, leaf first
     * @param clientAuth       whether a client certificate is asked for
     * @param clientIssuers    the certificates a client's chain must lead to (empty with {@link ClientAuth#NONE})
     * @param alpn             the application protocols offered by ALPN, most preferred first; empty for no ALPN
     * @param handshakeTimeout how long a handshake may take before the connection is closed
     */
    public record Tls(PrivateKey key, List<X509Certificate> chain, ClientAuth clientAuth,
                      List<X509Certificate> clientIssuers, List<String> alpn, Duration handshakeTimeout) {
        public Tls {
            Objects.requireNonNull(key, "key");
            chain = List.copyOf(chain);
            Objects.requireNonNull(clientAuth, "clientAuth");
            clientIssuers = List.copyOf(clientIssuers);
            alpn = List.copyOf(alpn);
            Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a TLS certificate chain needs at least one certificate");
            }
            if (clientAuth != ClientAuth.NONE && clientIssuers.isEmpty()) {
                throw new IllegalArgumentException("client certificates need at least one trusted issuer");
            }
        }

        /** Never prints the key. */
        @Override
        public String toString() {
            return "Tls[" + chain.get(0).getSubjectX500Principal().getName() + ", clientAuth=" + clientAuth
                    + ", alpn=" + alpn + "]";
        }
    }
}
