package dev.porthoster.netty.internal;

import dev.porthoster.api.TlsSession;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The {@link TlsSession} a handler sees, read off a completed handshake. */
final class TlsSessions {

    private TlsSessions() {
    }

    static TlsSession of(SslHandler ssl) {
        SSLSession session = ssl.engine().getSession();
        Optional<String> serverName = Optional.empty();
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    serverName = Optional.of(host.getAsciiName());
                } else if (name.getType() == 0) { // host_name the JDK did not parse as one
                    serverName = Optional.of(new SNIHostName(name.getEncoded()).getAsciiName());
                }
            }
        }
        List<X509Certificate> peer = new ArrayList<>();
        try {
            for (Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    peer.add(x);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate
        }
        String alpn = ssl.applicationProtocol();
        return new TlsSession(session.getProtocol(), session.getCipherSuite(),
                alpn == null || alpn.isEmpty() ? Optional.empty() : Optional.of(alpn), serverName, peer);
    }
}
