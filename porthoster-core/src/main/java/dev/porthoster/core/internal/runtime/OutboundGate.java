package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.OutboundException;
import dev.porthoster.api.PortSpec;
import dev.porthoster.api.spi.Addresses;
import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.Dialer;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.core.HandlerStatus;
import dev.porthoster.core.manifest.Destination;
import dev.porthoster.core.manifest.Manifest;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A port's outbound traffic: every TCP connection and UDP datagram its handler starts is checked here against the
 * manifest's {@code connect} list before the dialer is asked for anything, counted, and when refused logged without
 * flooding. One per port, shared by the versions a reload puts behind it; each handler instance gets its own
 * {@link GatedOutbound}, which the broker closes when the instance stops. The output the handler queues on its
 * outbound connections is held against the same budget as its inbound connections' ({@link #output()}).
 */
public final class OutboundGate {

    /** Outbound TCP connections one handler instance may have open or opening at once. */
    public static final int MAX_CONNECTIONS = 1024;
    /** How long an outbound connect may take unless the broker is configured otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long after a datagram to an address and port an answer from there is still taken. */
    static final long REPLY_WINDOW_MILLIS = 60_000;
    /** Destinations remembered per UDP socket for answers; the least recently sent to is forgotten first. */
    static final int REPLY_PEERS = 1024;

    private static final System.Logger LOG = System.getLogger("dev.porthoster.screen");
    private static final int LISTED_IN_MESSAGE = 3;

    /** Why an outbound connection or datagram was refused, named as status reports it. */
    enum Refusal {
        NO_CONNECT_LIST("no_connect_list", "the manifest has no connect list"),
        NOT_LISTED("not_listed", "not in the manifest's connect list"),
        HOST_NAME("host_name", "not an IP address"),
        CONNECTION_CAP("connection_cap", MAX_CONNECTIONS + " outbound connections open");

        final String key;
        final String text;

        Refusal(String key, String text) {
            this.key = key;
            this.text = text;
        }
    }

    /** What a check decided: where to send, or why not. */
    sealed interface Verdict {
        /** Send to {@code to}. */
        record Allowed(InetSocketAddress to) implements Verdict { }

        /** Refused; already counted and logged. */
        record Refused(OutboundException why) implements Verdict { }
    }

    private final PortSpec spec;
    private final Dialer dialer;
    private final EventLoop loop;
    private final Duration connectTimeout;
    private volatile LongSupplier budget;
    private final OutputBudget output;
    private final LongAdder connections = new LongAdder();
    private final LongAdder datagrams = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();
    private final EnumMap<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);
    /** Per reason: {windowStart, suppressed}; on the loop only. */
    private final EnumMap<Refusal, long[]> logWindows = new EnumMap<>(Refusal.class);
    /** The instances' views; on the loop only. */
    private final Set<GatedOutbound> views = new HashSet<>();

    /**
     * @param initialBudget the handler's memory budget until the port runtime refines it with the measured heap
     */
    public OutboundGate(PortSpec spec, Dialer dialer, EventLoop loop, Duration connectTimeout, long initialBudget) {
        this.spec = spec;
        this.dialer = dialer;
        this.loop = loop;
        this.connectTimeout = connectTimeout;
        this.budget = () -> initialBudget;
        this.output = new OutputBudget(() -> budget.getAsLong());
        for (Refusal r : Refusal.values()) {
            refused.put(r, new LongAdder());
        }
    }

    /** The view one handler instance gets, checking against {@code rules} (those the instance was loaded with). */
    public GatedOutbound forInstance(Manifest rules) {
        GatedOutbound view = new GatedOutbound(this, rules);
        if (loop.inEventLoop()) {
            views.add(view);
        } else {
            loop.execute(() -> views.add(view));
        }
        return view;
    }

    /** Applies an edited manifest's {@code connect} list to every instance, on the loop: later attempts obey it. */
    void update(Manifest rules) {
        views.forEach(v -> v.rules(rules));
    }

    void forget(GatedOutbound view) {
        views.remove(view);
    }

    /** The output budget every connection of the port, inbound and outbound, is held to. */
    OutputBudget output() {
        return output;
    }

    /** From now on the budget is {@code remaining}: the port runtime's, which subtracts the measured heap. */
    void budget(LongSupplier remaining) {
        this.budget = remaining;
    }

    Dialer dialer() {
        return dialer;
    }

    EventLoop loop() {
        return loop;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    /** Counts, as the status shows them; callable from any thread. */
    public HandlerStatus.Outbound status() {
        Map<String, Long> counts = new TreeMap<>();
        refused.forEach((reason, n) -> {
            long sum = n.sum();
            if (sum > 0) {
                counts.put(reason.key, sum);
            }
        });
        return new HandlerStatus.Outbound(open.get(), connections.sum(), datagrams.sum(), counts);
    }

    void started() {
        connections.increment();
        open.incrementAndGet();
    }

    void ended() {
        open.decrementAndGet();
    }

    void sent() {
        datagrams.increment();
    }

    /**
     * Checks {@code address:port} against {@code rules}; a refusal is counted and logged here.
     *
     * @param verb    {@code connect} or {@code send}, for the message
     * @param opening the instance's outbound connections open or opening, or -1 for a datagram (no cap)
     */
    Verdict check(Manifest rules, String address, int port, String verb, int opening) {
        Optional<InetAddress> ip = IpLiterals.parse(address);
        String what = verb.equals("connect") ? "connection" : "datagram";
        if (ip.isEmpty()) {
            return refuse(Refusal.HOST_NAME, OutboundException.ACCESS_DENIED, PeerReplies.quoted(address) + ":" + port,
                    what, verb + " " + PeerReplies.quoted(address) + ":" + port + " refused: "
                            + PeerReplies.quoted(address) + " is not an IP address; a handler " + verb + "s only to "
                            + "IP addresses its manifest's \"connect\" list names, and host names are never looked up");
        }
        String where = text(ip.get(), port);
        List<Destination> listed = rules.connect();
        if (listed.isEmpty()) {
            return refuse(Refusal.NO_CONNECT_LIST, OutboundException.ACCESS_DENIED, where, what, verb + " " + where
                    + " refused: " + spec.manifestFileName() + " has no \"connect\" list, so this handler may send "
                    + "nothing out; add \"" + where + "\" to \"connect\" to allow it");
        }
        if (rules.connectEntryFor(ip.get(), port).isEmpty()) {
            return refuse(Refusal.NOT_LISTED, OutboundException.ACCESS_DENIED, where, what, verb + " " + where
                    + " refused: not in the \"connect\" list of " + spec.manifestFileName() + " (" + listed(listed)
                    + ")");
        }
        if (opening >= MAX_CONNECTIONS) {
            return refuse(Refusal.CONNECTION_CAP, "EMFILE", where, what, verb + " " + where + " refused: this "
                    + "handler has " + opening + " outbound connections open or opening, the most it may");
        }
        return new Verdict.Allowed(new InetSocketAddress(ip.get(), port));
    }

    private Verdict refuse(Refusal reason, String code, String where, String what, String message) {
        refused.get(reason).increment();
        long now = loop.nowMillis();
        long[] window = logWindows.computeIfAbsent(reason, r -> new long[] {Long.MIN_VALUE, 0});
        if (window[0] != Long.MIN_VALUE && now - window[0] < RefusalLog.WINDOW_MILLIS) {
            window[1]++;
        } else {
            long suppressed = window[1];
            window[0] = now;
            window[1] = 0;
            LOG.log(Level.WARNING, spec.handlerFileName() + ": refused an outbound " + what + " to " + where + " ("
                    + reason.text + ")" + (suppressed > 0 ? "; " + suppressed
                    + " more refused for this reason in the previous window, not logged" : ""));
        }
        return new Verdict.Refused(new OutboundException(code, message));
    }

    private static String listed(List<Destination> destinations) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < destinations.size() && i < LISTED_IN_MESSAGE; i++) {
            sb.append(i == 0 ? "" : ", ").append(destinations.get(i));
        }
        if (destinations.size() > LISTED_IN_MESSAGE) {
            sb.append(" and ").append(destinations.size() - LISTED_IN_MESSAGE).append(" more");
        }
        return sb.toString();
    }

    static String text(InetAddress address, int port) {
        String host = Addresses.text(address);
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }

    /** A connection made through the gate, held to the port's output budget. */
    Connection screened(Connection transport) {
        return new ScreenedConnection(transport, Optional.empty(), output);
    }
}
