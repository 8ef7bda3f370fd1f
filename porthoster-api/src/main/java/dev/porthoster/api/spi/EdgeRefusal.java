package dev.porthoster.api.spi;

/**
 * Why the transport refused a connection at the port's edge ({@link TcpEdge}), before its handler saw it. The broker
 * counts refusals by these names ({@code proxy_missing}, {@code tls_timeout}, ...), beside its screening reasons.
 */
public enum EdgeRefusal {
    /** The source is not in {@code proxyProtocol.trusted} of a port that takes PROXY headers. */
    PROXY_UNTRUSTED("the source is not a trusted proxy (proxyProtocol.trusted)"),
    /** A trusted source sent something other than a PROXY header, or closed before sending one. */
    PROXY_MISSING("a trusted proxy sent no PROXY header"),
    /** A header that starts as PROXY v1 or v2 but is not valid (or is longer than allowed). */
    PROXY_MALFORMED("the PROXY header is malformed"),
    /** A trusted source did not send its whole header in time. */
    PROXY_TIMEOUT("the PROXY header did not arrive in time"),
    /** The TLS handshake did not finish in time. */
    TLS_TIMEOUT("the TLS handshake did not finish in time"),
    /** The client's first bytes are not a TLS record (plaintext to a TLS port). */
    TLS_NOT_TLS("the client did not speak TLS"),
    /** The client closed the connection during the handshake. */
    TLS_CLOSED("the client closed during the TLS handshake"),
    /** No protocol version, cipher suite or ALPN protocol in common with the client. */
    TLS_NO_COMMON("no TLS version, cipher suite or ALPN protocol in common"),
    /** A client certificate is required and the client sent none. */
    TLS_CLIENT_CERT_MISSING("the client sent no certificate (clientAuth require)"),
    /** The client's certificate does not verify against {@code clientAuth.ca}, or is expired. */
    TLS_CLIENT_CERT_REJECTED("the client's certificate did not verify"),
    /** The client aborted the handshake with an alert, for example because it does not trust the server's certificate. */
    TLS_CLIENT_ALERT("the client aborted the handshake"),
    /** Any other handshake failure. */
    TLS_FAILED("the TLS handshake failed");

    private final String text;

    EdgeRefusal(String text) {
        this.text = text;
    }

    /** A phrase for logs. */
    public String text() {
        return text;
    }
}
