package dev.porthoster.netty.internal;

import dev.porthoster.api.OutboundException;
import dev.porthoster.api.spi.Addresses;
import io.netty.channel.ConnectTimeoutException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.util.Locale;

/**
 * A failed outbound connect as Node reports it: {@code connect ECONNREFUSED 127.0.0.1:7000} with the code apart. Netty
 * (epoll and NIO alike) reports the operating system's error by its text ({@code strerror} on Linux), so the code is
 * read from the text, or from the exception's type where it says more.
 */
final class ConnectErrors {

    /** Texts of the errors a connect meets, and Node's codes for them. */
    private static final String[][] BY_TEXT = {
            {"connection refused", "ECONNREFUSED"},
            {"no route to host", "EHOSTUNREACH"},
            {"host is unreachable", "EHOSTUNREACH"},
            {"network is unreachable", "ENETUNREACH"},
            {"network unreachable", "ENETUNREACH"},
            {"timed out", "ETIMEDOUT"},
            {"cannot assign requested address", "EADDRNOTAVAIL"},
            {"address family not supported", "EAFNOSUPPORT"},
            {"protocol family unavailable", "EAFNOSUPPORT"},
            {"permission denied", "EACCES"},
            {"operation not permitted", "EPERM"},
            {"connection reset", "ECONNRESET"},
    };

    private ConnectErrors() {
    }

    /** The failure of a connect to {@code remote}, as a handler sees it. */
    static OutboundException of(Throwable cause, InetSocketAddress remote) {
        String code = code(cause);
        String where = Addresses.text(remote.getAddress()) + ":" + remote.getPort();
        return new OutboundException(code, "connect " + code + " " + where
                + (code.equals("UNKNOWN") ? " (" + cause + ")" : ""));
    }

    static String code(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectTimeoutException) {
                return "ETIMEDOUT";
            }
            if (t instanceof NoRouteToHostException) {
                return "EHOSTUNREACH";
            }
            String text = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            for (String[] known : BY_TEXT) {
                if (text.contains(known[0])) {
                    return known[1];
                }
            }
        }
        return "UNKNOWN";
    }
}
