package dev.porthoster.core.internal.runtime;

import dev.porthoster.core.manifest.Cidr;
import dev.porthoster.core.manifest.Manifest;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The firewall in front of one port's handler: allow/deny blocks, connection caps, per-source and global token
 * buckets, and for UDP each source's {@link FairShare share} of a handler that cannot keep up. One screen per port,
 * however many copies of the handler serve it ({@code instances: N}): it decides on the loop of whichever copy a
 * connection or datagram reached, so the caps and buckets, which must stay exact for the port as a whole, are kept
 * under one lock, taken only for what has something to count (every new connection; a datagram only when the
 * manifest sets a rate). The allow and deny lists are read without it. A fair share belongs to one socket's reads
 * ({@link #newFairShare}). Counters are readable from anywhere.
 * State per source is bounded: a bucket that has refilled is forgotten, so a flood of spoofed UDP sources cannot grow
 * the heap past {@link #MAX_TRACKED_SOURCES}.
 */
public final class Screen {

    /** Why a connection or datagram was refused. */
    public enum Reason {
        DENIED("source is in the deny list"),
        NOT_ALLOWED("source is not in the allow list"),
        CONNECTION_CAP("the port is at connections.max"),
        SOURCE_CONNECTION_CAP("the source is at connections.perSource"),
        SOURCE_RATE("the source is over rate.perSource"),
        GLOBAL_RATE("the port is over rate.global"),
        TOO_MANY_SOURCES("too many sources are being rate-limited at once"),
        FAIR_SHARE("the handler cannot keep up and the source is over its share of it");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** A phrase for logs. */
        public String text() {
            return text;
        }

        /** The name status, events and counts give it: {@code denied}, {@code source_rate}, ... */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Sources tracked for per-source buckets before new unknown sources are refused. */
    static final int MAX_TRACKED_SOURCES = 100_000;

    private volatile Manifest rules;
    private final LongSupplier clock;
    private final LongSupplier kernelDrops;
    /** Guards the counts and buckets below: the copies of a handler screen on their own loops. */
    private final Object lock = new Object();
    private final Map<InetAddress, Integer> open = new HashMap<>();
    private final Map<InetAddress, TokenBucket> buckets = new HashMap<>();
    private TokenBucket global;
    private final EnumMap<Reason, LongAdder> refused = new EnumMap<>(Reason.class);
    /** The share of the first (or only) socket, for {@link #admitDatagram(InetAddress)}. */
    private final FairShare fairShare;
    private int openTotal;
    /** A sweep of full buckets costs one pass over them all, so it runs at most once a second. */
    private long nextSweepMillis = Long.MIN_VALUE;

    public Screen(Manifest rules, LongSupplier clockMillis) {
        this(rules, clockMillis, () -> KernelDrops.UNKNOWN);
    }

    /**
     * @param kernelDrops for a UDP port, the kernel's count of datagrams dropped at its socket
     *                    ({@link KernelDrops#at}); it tells a real overflow from merely full reads
     */
    public Screen(Manifest rules, LongSupplier clockMillis, LongSupplier kernelDrops) {
        this.rules = rules;
        this.clock = clockMillis;
        this.kernelDrops = kernelDrops;
        this.global = globalBucket(rules, clockMillis.getAsLong());
        for (Reason r : Reason.values()) {
            refused.put(r, new LongAdder());
        }
        this.fairShare = newFairShare();
    }

    /** A fair share for one more socket of the port, used on that socket's loop only. */
    FairShare newFairShare() {
        return new FairShare(clock, kernelDrops);
    }

    private static TokenBucket globalBucket(Manifest rules, long now) {
        return rules.rate().global().map(r -> new TokenBucket(Math.max(1, r.count()), r.perMilli(), now)).orElse(null);
    }

    public Manifest rules() {
        return rules;
    }

    /**
     * Applies edited rules in place (a manifest-only change): open connections and their counts are kept, rate
     * buckets start full under the new rates, refusal counters go on.
     */
    public void update(Manifest newRules) {
        synchronized (lock) {
            this.rules = newRules;
            this.buckets.clear();
            this.global = globalBucket(newRules, clock.getAsLong());
        }
    }

    /** Screens a new TCP connection; on success the caller must call {@link #closed(InetAddress)} when it ends. */
    public Optional<Reason> admitConnection(InetAddress source) {
        Optional<Reason> r = access(source);
        if (r.isEmpty()) {
            synchronized (lock) {
                Manifest.Connections caps = rules.connections();
                if (openTotal >= caps.max()) {
                    r = Optional.of(Reason.CONNECTION_CAP);
                } else if (open.getOrDefault(source, 0) >= caps.perSource()) {
                    r = Optional.of(Reason.SOURCE_CONNECTION_CAP);
                } else {
                    r = rates(source);
                }
                if (r.isEmpty()) {
                    openTotal++;
                    open.merge(source, 1, Integer::sum);
                }
            }
        }
        r.ifPresent(reason -> refused.get(reason).increment());
        return r;
    }

    /** A connection admitted by {@link #admitConnection} has closed. */
    public void closed(InetAddress source) {
        synchronized (lock) {
            openTotal--;
            open.computeIfPresent(source, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Screens one datagram read by the first (or only) socket: {@link #admitDatagram(InetAddress, FairShare)}. */
    public Optional<Reason> admitDatagram(InetAddress source) {
        return admitDatagram(source, fairShare);
    }

    /**
     * Screens one datagram: the manifest's rules, then the source's share of the reads of the socket it came in on
     * ({@code share}, that socket's, on its loop).
     */
    Optional<Reason> admitDatagram(InetAddress source, FairShare share) {
        Optional<Reason> r = access(source);
        if (r.isEmpty()) {
            Manifest.Rates rates = rules.rate();
            if (rates.perSource().isPresent() || rates.global().isPresent()) {
                synchronized (lock) {
                    r = rates(source);
                }
            }
        }
        if (r.isEmpty() && !share.admit(source)) {
            r = Optional.of(Reason.FAIR_SHARE);
        }
        r.ifPresent(reason -> refused.get(reason).increment());
        return r;
    }

    /** The first socket ended a read of {@code count} datagrams; {@code more} when it stopped at its limit. */
    public void endOfBatch(int count, boolean more) {
        fairShare.endOfBatch(count, more);
    }

    private Optional<Reason> access(InetAddress source) {
        for (Cidr d : rules.deny()) {
            if (d.contains(source)) {
                return Optional.of(Reason.DENIED);
            }
        }
        for (Cidr a : rules.allow()) {
            if (a.contains(source)) {
                return Optional.empty();
            }
        }
        return Optional.of(Reason.NOT_ALLOWED);
    }

    /** Under the lock. */
    private Optional<Reason> rates(InetAddress source) {
        long now = clock.getAsLong();
        TokenBucket mine = null;
        if (rules.rate().perSource().isPresent()) {
            mine = buckets.get(source);
            if (mine == null) {
                if (buckets.size() >= MAX_TRACKED_SOURCES && now >= nextSweepMillis) {
                    nextSweepMillis = now + 1_000;
                    forgetFullBuckets(now);
                }
                if (buckets.size() >= MAX_TRACKED_SOURCES) {
                    return Optional.of(Reason.TOO_MANY_SOURCES);
                }
                Manifest.Rate rate = rules.rate().perSource().get();
                mine = new TokenBucket(Math.max(1, rules.rate().burst()), rate.perMilli(), now);
                buckets.put(source, mine);
            }
            if (!mine.tryTake(now)) {
                return Optional.of(Reason.SOURCE_RATE);
            }
        }
        if (global != null && !global.tryTake(now)) {
            if (mine != null) {
                mine.giveBack(); // the source did nothing wrong; don't charge it for the port's limit
            }
            return Optional.of(Reason.GLOBAL_RATE);
        }
        return Optional.empty();
    }

    private void forgetFullBuckets(long now) {
        for (Iterator<TokenBucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (it.next().isFull(now)) {
                it.remove();
            }
        }
    }

    /** Refusals so far, by reason. */
    public Map<Reason, Long> refusals() {
        EnumMap<Reason, Long> out = new EnumMap<>(Reason.class);
        refused.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * Refusals so far by reason, named as {@code Broker.refusals()} reports them ({@code source_rate}, {@code denied},
     * ...); reasons with no refusal are left out.
     */
    public Map<String, Long> refusalsByName() {
        Map<String, Long> out = new TreeMap<>();
        refused.forEach((reason, n) -> {
            long count = n.sum();
            if (count > 0) {
                out.put(reason.key(), count);
            }
        });
        return out;
    }

    /** Sources with a per-source bucket right now (for tests of the bound). */
    int trackedSources() {
        synchronized (lock) {
            return buckets.size();
        }
    }

    /** Connections open now, on every copy of the handler together. */
    public int openConnections() {
        synchronized (lock) {
            return openTotal;
        }
    }
}
