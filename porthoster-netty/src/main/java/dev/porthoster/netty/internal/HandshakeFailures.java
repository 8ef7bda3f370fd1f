package dev.porthoster.netty.internal;

import dev.porthoster.api.spi.EdgeRefusal;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/** Sorts a failed TLS handshake (the JDK provider's exceptions) into the reasons the broker counts. */
final class HandshakeFailures {

    private HandshakeFailures() {
    }

    /** The reason, and the detail worth a log line. */
    record Failure(EdgeRefusal reason, String detail) { }

    static Failure classify(Throwable cause) {
        Throwable c = cause;
        while ((c instanceof DecoderException) && c.getCause() != null) {
            c = c.getCause();
        }
        String message = String.valueOf(c.getMessage());
        String m = message.toLowerCase(Locale.ROOT);
        if (c instanceof SslHandshakeTimeoutException) {
            return new Failure(EdgeRefusal.TLS_TIMEOUT, "");
        }
        if (c instanceof NotSslRecordException) {
            return new Failure(EdgeRefusal.TLS_NOT_TLS, "");
        }
        if (c instanceof ClosedChannelException || m.contains("connection closed while ssl/tls handshake")) {
            return new Failure(EdgeRefusal.TLS_CLOSED, "");
        }
        if (m.startsWith("received fatal alert: ")) {
            String alert = message.substring("received fatal alert: ".length());
            return new Failure(EdgeRefusal.TLS_CLIENT_ALERT, alert);
        }
        if (m.contains("empty client certificate chain") || m.contains("empty certificate chain")
                || m.startsWith("(certificate_required)")) {
            return new Failure(EdgeRefusal.TLS_CLIENT_CERT_MISSING, "");
        }
        // The JDK writes the alert it sends first: "(protocol_version) Client requested protocol TLSv1.1 is not ..."
        if (m.startsWith("(protocol_version)") || m.startsWith("(no_application_protocol)")
                || m.startsWith("(insufficient_security)") || m.contains("no appropriate protocol")
                || m.contains("no cipher suites in common") || m.contains("no matching alpn")) {
            return new Failure(EdgeRefusal.TLS_NO_COMMON, message);
        }
        if (m.startsWith("(bad_certificate)") || m.startsWith("(certificate_unknown)")
                || m.startsWith("(unsupported_certificate)") || m.startsWith("(certificate_expired)")
                || m.startsWith("(unknown_ca)") || m.contains("pkix path")) {
            return new Failure(EdgeRefusal.TLS_CLIENT_CERT_REJECTED, message);
        }
        return new Failure(EdgeRefusal.TLS_FAILED, c.getClass().getSimpleName() + ": " + message);
    }
}
