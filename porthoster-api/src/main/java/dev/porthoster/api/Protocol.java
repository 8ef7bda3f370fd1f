package dev.porthoster.api;

import java.util.Locale;
import java.util.Optional;

/** The transport protocol an entry point serves, spelled exactly {@code tcp} or {@code udp} in file names. */
public enum Protocol {
    /** Stream connections; the handler exports {@code handle(conn, ctx)}. */
    TCP,
    /** Datagrams; the handler exports {@code message(msg, rinfo, ctx)}. */
    UDP;

    /** The token used in file names and in {@code ctx.protocol}: {@code "tcp"} or {@code "udp"}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The protocol whose {@link #token()} is exactly {@code token} (case-sensitive), if any. */
    public static Optional<Protocol> fromToken(String token) {
        for (Protocol p : values()) {
            if (p.token().equals(token)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
