package dev.porthoster.api;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a datagram came from: a script's {@code rinfo}.
 *
 * @param address the sender's address and port
 * @param size    the datagram's size in bytes
 */
public record RemoteInfo(InetSocketAddress address, int size) {

    public RemoteInfo {
        Objects.requireNonNull(address, "address");
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " is negative");
        }
    }

    /** {@code "IPv4"} or {@code "IPv6"}, as Node's {@code rinfo.family}. */
    public String family() {
        return address.getAddress() instanceof Inet4Address ? "IPv4" : "IPv6";
    }

    /** The sender's port. */
    public int port() {
        return address.getPort();
    }
}
