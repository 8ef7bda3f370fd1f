package dev.porthoster.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The access rules of one handler, from its {@code <name>.<proto>.<port>.port.json} (manifest v1) or the
 * {@link #defaults()}. Parsed strictly by {@link ManifestParser}: an unknown key, a wrong type or an impossible value
 * refuses the handler.
 *
 * @param allow         sources that may connect; a source must match one block
 * @param deny          sources refused even when allowed (deny wins)
 * @param connections   caps on open TCP connections
 * @param rate          token-bucket rates: TCP counts new connections, UDP counts datagrams
 * @param idleTimeout   a TCP connection with no bytes either way for this long is closed; empty means never
 * @param tls           TLS termination (not implemented by this build; a manifest that asks is refused)
 * @param proxyProtocol PROXY protocol sources (not implemented by this build; a manifest that asks is refused)
 * @param instances     isolated copies of the handler on separate loops
 */
public record Manifest(List<Cidr> allow, List<Cidr> deny, Connections connections, Rates rate,
                       Optional<Duration> idleTimeout, Optional<Tls> tls, Optional<List<Cidr>> proxyProtocol,
                       int instances) {

    public Manifest {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(rate, "rate");
    }

    /** Without a manifest: every source allowed, none denied, 10000 connections (256 per source), no rate, no idle timeout, one instance. */
    public static Manifest defaults() {
        return new Manifest(List.of(Cidr.parse("0.0.0.0/0").orElseThrow(), Cidr.parse("::/0").orElseThrow()), List.of(),
                Connections.DEFAULT, Rates.NONE, Optional.empty(), Optional.empty(), Optional.empty(), 1);
    }

    /**
     * Caps on concurrently open TCP connections.
     *
     * @param max       for the port as a whole
     * @param perSource for one source address
     */
    public record Connections(int max, int perSource) {
        /** 10000 in all, 256 per source. */
        public static final Connections DEFAULT = new Connections(10_000, 256);
    }

    /**
     * A rate such as {@code 20/s}: {@code count} events per {@code per}.
     *
     * @param count events allowed per period
     * @param per   the period: one second, minute or hour
     */
    public record Rate(long count, Duration per) {
        /** Tokens added per millisecond. */
        public double perMilli() {
            return (double) count / per.toMillis();
        }

        @Override
        public String toString() {
            return count + "/" + switch ((int) per.toSeconds()) {
                case 1 -> "s";
                case 60 -> "m";
                default -> "h";
            };
        }
    }

    /**
     * Token buckets.
     *
     * @param perSource the rate for one source address, if limited
     * @param burst     the per-source bucket's size: how many may come at once after a quiet period
     * @param global    the rate for the port as a whole, if limited
     */
    public record Rates(Optional<Rate> perSource, long burst, Optional<Rate> global) {
        /** No rate limits. */
        public static final Rates NONE = new Rates(Optional.empty(), 0, Optional.empty());
    }

    /**
     * Certificate and key files, relative to the content root.
     *
     * @param cert the PEM certificate chain
     * @param key  the PEM private key
     */
    public record Tls(String cert, String key) { }
}
