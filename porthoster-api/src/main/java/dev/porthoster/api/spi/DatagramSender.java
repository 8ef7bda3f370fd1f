package dev.porthoster.api.spi;

import java.net.InetSocketAddress;

/** Sends datagrams from the port a datagram arrived on; backs {@code ctx.reply}. */
@FunctionalInterface
public interface DatagramSender {
    /** Sends {@code payload} (owned by the sender afterwards) to {@code recipient}. */
    void send(byte[] payload, InetSocketAddress recipient);
}
