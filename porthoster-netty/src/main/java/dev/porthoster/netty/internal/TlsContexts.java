package dev.porthoster.netty.internal;

import dev.porthoster.api.spi.TcpEdge;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The TLS context of one listener, made once per certificate: the acceptor hands the same {@link TcpEdge.Tls} object
 * until its files change, so a new object is a new certificate and the next accept builds its context. Connections
 * already open keep the engine they were made with.
 *
 * <p>TLS 1.3 and 1.2 only, with the JDK's provider, and for 1.2 only ECDHE key exchange with AEAD ciphers (forward
 * secrecy, no CBC, no RSA key transport): Mozilla's "intermediate" list, less what the JDK lacks.
 */
final class TlsContexts {

    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TcpEdge.Tls made;
    private SslContext context;

    /** A handler for one new connection, under {@code tls}'s certificate, with its handshake timeout. */
    synchronized SslHandler newHandler(TcpEdge.Tls tls, ByteBufAllocator alloc) throws SSLException {
        if (tls != made) {
            context = build(tls);
            made = tls;
        }
        SslHandler handler = context.newHandler(alloc);
        handler.setHandshakeTimeoutMillis(Math.max(1, tls.handshakeTimeout().toMillis()));
        return handler;
    }

    static SslContext build(TcpEdge.Tls tls) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forServer(tls.key(), tls.chain().toArray(X509Certificate[]::new))
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .clientAuth(switch (tls.clientAuth()) {
                    case NONE -> ClientAuth.NONE;
                    case REQUEST -> ClientAuth.OPTIONAL;
                    case REQUIRE -> ClientAuth.REQUIRE;
                });
        if (tls.clientAuth() != TcpEdge.ClientAuth.NONE) {
            b.trustManager(tls.clientIssuers().toArray(X509Certificate[]::new));
        }
        if (!tls.alpn().isEmpty()) {
            // As Node: a client offering only protocols we do not speak is refused (no_application_protocol).
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.FATAL_ALERT,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, tls.alpn()));
        }
        return b.build();
    }
}
