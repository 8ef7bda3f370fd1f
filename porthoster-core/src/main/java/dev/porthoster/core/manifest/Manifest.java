package dev.porthoster.core.manifest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * @param tls           TLS termination by the broker: the handler reads and writes plaintext (TCP only)
 * @param proxyProtocol the load balancers trusted to send a PROXY protocol header carrying the client's address
 *                      ({@code proxyProtocol.trusted}); on such a port every other source is refused (TCP only)
 * @param instances     isolated copies of the handler on separate loops
 * @param limits        bounds on the handler itself (longest callback, memory budget); unset ones are the broker's
 * @param connect       the only destinations the handler may open TCP connections and send UDP datagrams to; empty
 *                      (the default) means no outbound traffic at all
 */
public record Manifest(List<Cidr> allow, List<Cidr> deny, Connections connections, Rates rate,
                       Optional<Duration> idleTimeout, Optional<Tls> tls, Optional<List<Cidr>> proxyProtocol,
                       int instances, Limits limits, List<Destination> connect) {

    public Manifest {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
        connect = List.copyOf(connect);
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * Without a manifest: every source allowed, none denied, 10000 connections (256 per source), no rate, no idle
     * timeout, one instance, the broker's limits, no outbound traffic.
     */
    public static Manifest defaults() {
        return new Manifest(List.of(Cidr.parse("0.0.0.0/0").orElseThrow(), Cidr.parse("::/0").orElseThrow()), List.of(),
                Connections.DEFAULT, Rates.NONE, Optional.empty(), Optional.empty(), Optional.empty(), 1, Limits.NONE,
                List.of());
    }

    /**
     * These rules with {@code destinations} as the {@code connect} list: for a Java handler, whose rules are built in
     * code ({@code Manifest.defaults().withConnect(List.of(Destination.parse("10.0.0.5:6379").orElseThrow()))}).
     */
    public Manifest withConnect(List<Destination> destinations) {
        return new Manifest(allow, deny, connections, rate, idleTimeout, tls, proxyProtocol, instances, limits,
                destinations);
    }

    /**
     * These rules with TLS terminated from {@code tls}'s files: for a Java handler, whose rules are built in code
     * ({@code Manifest.defaults().withTls(new Manifest.Tls("certs/x.pem", "certs/x.key"))}).
     */
    public Manifest withTls(Tls tls) {
        return new Manifest(allow, deny, connections, rate, idleTimeout, Optional.of(tls), proxyProtocol, instances,
                limits, connect);
    }

    /** The {@code connect} entry {@code address:port} matches first, if any. */
    public Optional<Destination> connectEntryFor(java.net.InetAddress address, int port) {
        for (Destination d : connect) {
            if (d.matches(address, port)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * Bounds on one handler ({@code "limits": {"callback": "200ms", "memory": "64MiB"}}); an unset one is the broker's
     * default ({@link dev.porthoster.core.Broker.Builder#callbackLimit}, {@link
     * dev.porthoster.core.Broker.Builder#memoryLimit}).
     *
     * @param callback how long one callback (with the promise jobs it queues) may run before the watchdog stops it
     *                 and restarts the handler
     * @param memory   the handler's memory budget in bytes
     */
    public record Limits(Optional<Duration> callback, OptionalLong memory) {
        /** Nothing set: the broker's defaults apply. */
        public static final Limits NONE = new Limits(Optional.empty(), OptionalLong.empty());
        /** The shortest callback limit: shorter would stop ordinary callbacks on a busy machine. */
        public static final Duration MIN_CALLBACK = Duration.ofMillis(10);
        /** The longest callback limit: a loop blocked longer is a hung handler, not a slow one. */
        public static final Duration MAX_CALLBACK = Duration.ofSeconds(60);
        /** The smallest memory budget. */
        public static final long MIN_MEMORY = 1L << 20;
        /** The largest memory budget. */
        public static final long MAX_MEMORY = 4L << 30;
        /** The budget of a handler whose manifest sets none, unless the broker is configured otherwise. */
        public static final long DEFAULT_MEMORY = 64L << 20;
        /** The watchdog's limit for a handler whose manifest sets none, unless the broker is configured otherwise. */
        public static final Duration DEFAULT_CALLBACK = Duration.ofSeconds(5);
        /** The accepted form of a callback limit, for error messages. */
        public static final String CALLBACK_FORM = "a duration from 10ms to 60s such as \"200ms\" or \"2s\"";
        /** The accepted form of a memory budget, for error messages. */
        public static final String MEMORY_FORM = "a size from 1MiB to 4GiB such as \"64MiB\" (units KiB, MiB, GiB)";

        private static final Pattern CALLBACK = Pattern.compile("([0-9]{1,9})(ms|s|m)");
        private static final Pattern MEMORY = Pattern.compile("([0-9]{1,9})(KiB|MiB|GiB)");

        public Limits {
            Objects.requireNonNull(callback, "callback");
            Objects.requireNonNull(memory, "memory");
            callback.ifPresent(d -> {
                if (!callbackInRange(d)) {
                    throw new IllegalArgumentException("a callback limit must be " + CALLBACK_FORM + ", got " + d);
                }
            });
            memory.ifPresent(b -> {
                if (!memoryInRange(b)) {
                    throw new IllegalArgumentException("a memory budget must be " + MEMORY_FORM + ", got " + b + " bytes");
                }
            });
        }

        /** Whether {@code d} is from {@link #MIN_CALLBACK} to {@link #MAX_CALLBACK}. */
        public static boolean callbackInRange(Duration d) {
            return d.compareTo(MIN_CALLBACK) >= 0 && d.compareTo(MAX_CALLBACK) <= 0;
        }

        /** Whether {@code bytes} is from {@link #MIN_MEMORY} to {@link #MAX_MEMORY}. */
        public static boolean memoryInRange(long bytes) {
            return bytes >= MIN_MEMORY && bytes <= MAX_MEMORY;
        }

        /** {@code "200ms"}, {@code "2s"}, {@code "1m"} as a duration within range; empty for anything else. */
        public static Optional<Duration> parseCallback(String text) {
            Matcher m = CALLBACK.matcher(text);
            if (!m.matches()) {
                return Optional.empty();
            }
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
            return callbackInRange(d) ? Optional.of(d) : Optional.empty();
        }

        /** {@code "64MiB"} as bytes within range; empty for anything else. */
        public static OptionalLong parseMemory(String text) {
            Matcher m = MEMORY.matcher(text);
            if (!m.matches()) {
                return OptionalLong.empty();
            }
            long bytes = Long.parseLong(m.group(1)) << switch (m.group(2)) {
                case "KiB" -> 10;
                case "MiB" -> 20;
                default -> 30;
            };
            return memoryInRange(bytes) ? OptionalLong.of(bytes) : OptionalLong.empty();
        }
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
     * TLS termination ({@code "tls": {"cert": "certs/echo.pem", "key": "certs/echo.key"}}): files relative to the
     * content root, read and checked when the handler is planned ({@code porthoster check} too), again whenever they
     * change.
     *
     * @param cert       the PEM certificate chain, leaf first
     * @param key        the PEM private key (PKCS#8, or the traditional RSA or EC form), unencrypted
     * @param alpn       the protocols offered by ALPN, most preferred first; empty offers none
     * @param clientAuth whether clients must (or may) present a certificate, and who must have issued it
     */
    public record Tls(String cert, String key, List<String> alpn, Optional<ClientAuth> clientAuth) {
        public Tls {
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
            alpn = List.copyOf(alpn);
            Objects.requireNonNull(clientAuth, "clientAuth");
        }

        /** A certificate and key, without ALPN or client certificates. */
        public Tls(String cert, String key) {
            this(cert, key, List.of(), Optional.empty());
        }
    }

    /**
     * Client certificates ({@code "clientAuth": {"ca": "certs/clients-ca.pem", "mode": "require"}}).
     *
     * @param ca   PEM certificates, relative to the content root, that a client's chain must lead to
     * @param mode whether a client without a certificate is refused ({@code require}) or served ({@code request})
     */
    public record ClientAuth(String ca, Mode mode) {
        public ClientAuth {
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(mode, "mode");
        }

        /** {@code "require"} or {@code "request"}. */
        public enum Mode {
            /** A client must present a certificate that verifies; one without is refused during the handshake. */
            REQUIRE,
            /** A client may present a certificate; if it does, it must verify. */
            REQUEST
        }
    }
}
