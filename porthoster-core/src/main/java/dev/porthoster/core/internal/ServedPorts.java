package dev.porthoster.core.internal;

import dev.porthoster.core.HandlerStatus;
import dev.porthoster.core.internal.runtime.PortCopy;
import dev.porthoster.core.internal.runtime.PortRuntime;
import dev.porthoster.core.plan.Plan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The broker's handler slots: the port serving each protocol and port, and the files that asked for a port and got
 * none (or whose new version failed). Changed under the broker's lock only; {@link #served()} may be read from any
 * thread (the memory guard must not wait for the lock).
 */
public final class ServedPorts {

    /** Served ports by {@code PortSpec.socketKey()}. */
    private final Map<String, PortRuntime> ports = new LinkedHashMap<>();
    /** Refused files: file to refusal. */
    private final Map<Path, Plan.Refusal> refused = new LinkedHashMap<>();
    private volatile List<PortRuntime> published = List.of();

    /** The port serving {@code socketKey} ({@code tcp/7000}), if any. */
    public Optional<PortRuntime> get(String socketKey) {
        return Optional.ofNullable(ports.get(socketKey));
    }

    /** The file serving each protocol and port, by socket key: the incumbents a new scan must respect. */
    public Map<String, Path> incumbents() {
        Map<String, Path> out = new HashMap<>();
        ports.forEach((key, port) -> out.put(key, port.file()));
        return out;
    }

    /** Every port served now, in the order they were opened. */
    public List<PortRuntime> all() {
        return List.copyOf(ports.values());
    }

    /** Records a newly bound port. */
    public void add(PortRuntime port) {
        ports.put(port.spec().socketKey(), port);
    }

    /** Forgets a closed port. */
    public void remove(PortRuntime port) {
        ports.remove(port.spec().socketKey(), port);
    }

    /** Forgets every port. */
    public void clear() {
        ports.clear();
        published = List.of();
    }

    /**
     * Replaces the refusals with {@code now} and makes the ports served visible to {@link #served()}.
     *
     * @return each refusal that is new or changed since the last call
     */
    public List<Plan.Refusal> settle(Map<Path, Plan.Refusal> now) {
        List<Plan.Refusal> changed = new ArrayList<>();
        now.forEach((file, refusal) -> {
            if (!refusal.equals(refused.get(file))) {
                changed.add(refusal);
            }
        });
        refused.clear();
        refused.putAll(now);
        published = List.copyOf(ports.values());
        return changed;
    }

    /** The ports served as of the last {@link #settle}; readable from any thread. */
    public List<PortRuntime> served() {
        return published;
    }

    /** What became of every file that asked for a port: serving first (by protocol and port), then refused. */
    public List<HandlerStatus> status() {
        List<HandlerStatus> out = new ArrayList<>();
        ports.values().stream()
                .sorted(Comparator.comparing((PortRuntime p) -> p.spec().protocol())
                        .thenComparingInt(p -> p.spec().port()))
                .forEach(p -> out.add(serving(p)));
        refused.forEach((file, refusal) -> out.add(new HandlerStatus.Refused(file, refusal)));
        return out;
    }

    private static HandlerStatus.Serving serving(PortRuntime port) {
        List<HandlerStatus.Copy> copies = new ArrayList<>();
        int total = 0;
        long lastStop = Long.MIN_VALUE;
        Optional<String> lastReason = Optional.empty();
        Optional<Duration> shortestWait = Optional.empty();
        boolean allWait = true;
        for (PortCopy c : port.copies()) {
            HandlerStatus.Restarts r = c.restarts().snapshot();
            copies.add(new HandlerStatus.Copy(c.index(), c.openConnections(), r));
            total += r.count();
            long stop = c.restarts().lastStopMillis();
            if (r.lastReason().isPresent() && stop >= lastStop) {
                lastStop = stop;
                lastReason = r.lastReason();
            }
            allWait &= r.waiting().isPresent();
            if (r.waiting().isPresent() && (shortestWait.isEmpty() || r.waiting().get().compareTo(shortestWait.get()) < 0)) {
                shortestWait = r.waiting();
            }
        }
        HandlerStatus.Restarts all = new HandlerStatus.Restarts(total, lastReason,
                allWait ? shortestWait : Optional.empty());
        return new HandlerStatus.Serving(port.file(), port.spec(), port.listener().localAddress(), all, copies,
                port.outboundStatus());
    }

    /** Open TCP connections per port ({@code tcp/7000}); UDP ports count none. */
    public Map<String, Integer> openConnections() {
        Map<String, Integer> out = new TreeMap<>();
        for (PortRuntime port : ports.values()) {
            out.put(port.spec().socketKey(), port.screen().openConnections());
        }
        return out;
    }

    /** Screening refusals per port ({@code tcp/7000}) and reason ({@code source_rate}, ...); zero counts left out. */
    public Map<String, Map<String, Long>> refusalCounts() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (PortRuntime port : ports.values()) {
            out.put(port.spec().socketKey(), port.refusalsByName());
        }
        return out;
    }
}
