package dev.porthoster.server.firewall;

import dev.porthoster.api.Protocol;
import dev.porthoster.core.manifest.Manifest;
import java.util.Objects;
import java.util.Optional;

/**
 * One port the firewall lets in, with the per-source datagram rate the kernel enforces before the socket for UDP.
 *
 * @param protocol   TCP or UDP
 * @param port       the port
 * @param sourceRate for UDP, the manifest's {@code rate.perSource}: datagrams from one source over it are dropped
 *                   by the kernel
 * @param burst      the per-source bucket's size, in datagrams (the manifest's {@code rate.burst})
 */
public record Opening(Protocol protocol, int port, Optional<Manifest.Rate> sourceRate, long burst) {

    public Opening {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(sourceRate, "sourceRate");
        if (protocol == Protocol.TCP && sourceRate.isPresent()) {
            throw new IllegalArgumentException("the kernel rate applies to UDP only");
        }
    }

    /** The opening a served port gets under {@code rules}. */
    public static Opening of(Protocol protocol, int port, Manifest rules) {
        return protocol == Protocol.TCP ? new Opening(protocol, port, Optional.empty(), 0)
                : new Opening(protocol, port, rules.rate().perSource(), rules.rate().burst());
    }

    /** {@code tcp/7000}. */
    public String key() {
        return protocol.token() + "/" + port;
    }
}
