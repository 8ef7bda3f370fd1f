package dev.porthoster.api.spi;

import java.util.Optional;

/**
 * Backs {@code ctx.reply}: sends from the socket a datagram arrived on, but only to a peer, an address and port that
 * sent that socket a screened datagram recently. Given by the broker (and the testkit) with each datagram; an engine
 * passes the handler's {@code rinfo.address} and {@code rinfo.port} through untouched, so the rule lives in one place.
 */
@FunctionalInterface
public interface DatagramReplies {

    /**
     * Sends {@code payload} (owned by the callee afterwards) to {@code address:port}, where {@code address} is an IP
     * address as text (never looked up as a host name).
     *
     * @return empty when the datagram was handed to the socket; otherwise why nothing was sent, a sentence for the
     *         error the handler's {@code ctx.reply} throws
     */
    Optional<String> reply(byte[] payload, String address, int port);
}
