package dev.porthoster.api.spi;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One screened UDP datagram.
 *
 * @param payload the bytes, owned by the receiver
 * @param sender  the source address
 */
public record Datagram(byte[] payload, InetSocketAddress sender) {
    public Datagram {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(sender, "sender");
    }
}
