package dev.porthoster.api;

import java.io.IOException;
import java.util.Objects;

/**
 * Why an outbound connection or datagram of a handler was not made: refused by the broker before anything was sent
 * (its manifest's {@code connect} list does not name the destination, the destination is a host name, the handler has
 * too many connections open), or failed on the network (the destination refused, the connect timed out, ...).
 *
 * <p>{@link #code()} is the code Node gives a script for the same failure: {@code ECONNREFUSED}, {@code ETIMEDOUT},
 * {@code EHOSTUNREACH}, ... for the network; {@code ERR_ACCESS_DENIED} when the manifest does not allow the
 * destination; {@code EMFILE} when the handler has as many outbound connections open as it may. The message is
 * complete, as a script's {@code err.message} shows it: {@code connect ECONNREFUSED 127.0.0.1:7000}.
 */
public final class OutboundException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The code of a destination the manifest's {@code connect} list does not allow (Node's permission model's). */
    public static final String ACCESS_DENIED = "ERR_ACCESS_DENIED";

    private final String code;

    /**
     * @param code    Node's code for the failure, such as {@code ECONNREFUSED}
     * @param message the whole message, naming the destination
     */
    public OutboundException(String code, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
    }

    /** Node's code for the failure: {@code ECONNREFUSED}, {@code ETIMEDOUT}, {@code ERR_ACCESS_DENIED}, ... */
    public String code() {
        return code;
    }

    /** Whether the broker refused it before anything was sent (the manifest, a limit), not the network. */
    public boolean refusedByBroker() {
        return code.equals(ACCESS_DENIED) || code.equals("EMFILE");
    }
}
