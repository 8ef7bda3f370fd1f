package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.spi.EdgeRefusal;
import dev.porthoster.api.spi.TcpEdge;
import dev.porthoster.core.manifest.Cidr;
import dev.porthoster.core.manifest.Manifest;
import dev.porthoster.core.manifest.TlsMaterial;
import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One TCP port's edge as the transport is told it ({@link TcpEdge}): the PROXY trust of the rules in force and the TLS
 * files last applied, and the refusals the transport reported at the edge, counted by reason. The TLS part is one
 * object per applied certificate, so the transport can keep one TLS context per certificate.
 */
final class PortEdge {

    private final Supplier<Manifest> rules;
    private final Duration timeout;
    private volatile Optional<TlsMaterial> material = Optional.empty();
    private volatile Optional<TcpEdge.Tls> tls = Optional.empty();
    private final EnumMap<EdgeRefusal, LongAdder> refused = new EnumMap<>(EdgeRefusal.class);

    /**
     * @param rules   the rules in force, read at every accept
     * @param timeout how long a PROXY header and a TLS handshake may each take
     */
    PortEdge(Supplier<Manifest> rules, Duration timeout) {
        this.rules = rules;
        this.timeout = timeout;
        for (EdgeRefusal r : EdgeRefusal.values()) {
            refused.put(r, new LongAdder());
        }
    }

    /** The edge for a connection accepted now. */
    TcpEdge current() {
        Optional<List<Cidr>> trusted = rules.get().proxyProtocol();
        Optional<TcpEdge.Proxy> proxy = trusted.map(blocks -> new TcpEdge.Proxy(address -> contains(blocks, address),
                timeout));
        return proxy.isEmpty() && tls.isEmpty() ? TcpEdge.NONE : new TcpEdge(proxy, tls);
    }

    private static boolean contains(List<Cidr> blocks, InetAddress address) {
        for (Cidr c : blocks) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The TLS files applied last. */
    Optional<TlsMaterial> material() {
        return material;
    }

    /** Serves new connections with {@code next}'s certificate (or without TLS); open ones keep theirs. */
    void apply(Optional<TlsMaterial> next) {
        tls = next.map(m -> new TcpEdge.Tls(m.key(), m.chain(), switch (m.rules().clientAuth()
                        .map(Manifest.ClientAuth::mode).orElse(null)) {
                    case null -> TcpEdge.ClientAuth.NONE;
                    case REQUIRE -> TcpEdge.ClientAuth.REQUIRE;
                    case REQUEST -> TcpEdge.ClientAuth.REQUEST;
                }, m.clientIssuers(), m.rules().alpn(), timeout));
        material = next;
    }

    /** Counts one refusal at the edge. */
    void refused(EdgeRefusal reason) {
        refused.get(reason).increment();
    }

    /** Refusals at the edge so far by lower-case name ({@code tls_timeout}); reasons with none left out. */
    Map<String, Long> refusalsByName() {
        Map<String, Long> out = new TreeMap<>();
        refused.forEach((reason, n) -> {
            long count = n.sum();
            if (count > 0) {
                out.put(name(reason), count);
            }
        });
        return out;
    }

    static String name(EdgeRefusal reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }
}
