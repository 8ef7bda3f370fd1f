package dev.porthoster.core.internal;

import com.sun.management.ThreadMXBean;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.core.internal.runtime.PortCopy;
import dev.porthoster.core.internal.runtime.PortRuntime;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Holds every handler to its memory budget, before the broker's heap is at risk. Each round it asks each serving
 * instance how much heap its code retains (the engine counts no further than just past the budget) and adds the
 * output its connections have queued; a handler over its budget is restarted, named with its figures in the log,
 * and backs off like any restart. A handler served by several copies ({@code instances}) is held copy by copy: each
 * copy's context is measured on its own against the whole budget, and only a copy over it restarts.
 *
 * <p>Behind that, a safety net for what no engine can see (GraalJS without its JIT measures nothing; Rhino's walk
 * misses what its objects keep in private fields): when the heap is still above {@link #HEAP_ALARM} of its maximum
 * after a collection, the handler whose loop thread allocated the most since the last round is restarted. With a
 * thread per handler that attribution is exact for allocation, though not for what stayed reachable.
 */
public final class MemoryGuard implements AutoCloseable {

    /** Share of the maximum heap, still in use after a collection, at which the safety net acts. */
    static final double HEAP_ALARM = 0.85;
    /**
     * A measurement that took T (Rhino walks on the handler's own loop) is not repeated for this many T, so the
     * guard costs a handler at most about 1/COST_FACTOR of its loop.
     */
    static final int COST_FACTOR = 20;

    private static final System.Logger LOG = System.getLogger("dev.porthoster.broker");

    private final Supplier<List<PortRuntime>> ports;
    private final Duration answerWithin;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "porthoster-memory");
        t.setDaemon(true);
        return t;
    });
    private final ThreadMXBean threads = ManagementFactory.getPlatformMXBean(ThreadMXBean.class);
    private final Map<Long, Long> allocatedBefore = new HashMap<>();
    /** When each copy may be measured next: a walk that took T waits {@link #COST_FACTOR} T before the next. */
    private final Map<PortCopy, Long> nextLookNanos = new java.util.WeakHashMap<>();
    private long lastCollections = -1;

    /**
     * @param ports        the ports served now, asked at each round
     * @param period       time between rounds
     * @param answerWithin how long a round waits for an instance to answer (a busy loop answers late or never; the
     *                     watchdog deals with that one)
     */
    public MemoryGuard(Supplier<List<PortRuntime>> ports, Duration period, Duration answerWithin) {
        this.ports = ports;
        this.answerWithin = answerWithin;
        thread.scheduleWithFixedDelay(this::roundQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void roundQuietly() {
        try {
            round();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "the memory guard's round failed; it tries again next round", e);
        }
    }

    /** One round: budgets first, then the safety net. */
    void round() {
        List<PortCopy> served = ports.get().stream().flatMap(p -> p.copies().stream()).toList();
        Map<PortCopy, HandlerInstance> asked = new LinkedHashMap<>();
        Map<PortCopy, CompletableFuture<OptionalLong>> answers = new LinkedHashMap<>();
        Map<PortCopy, CompletableFuture<Long>> outputs = new HashMap<>();
        long started = System.nanoTime();
        for (PortCopy port : served) {
            HandlerInstance instance = port.current();
            if (instance != null && started - nextLook(port, started) >= 0) {
                asked.put(port, instance);
                CompletableFuture<OptionalLong> heap = instance.measureHeap(port.memoryBudgetBytes()).toCompletableFuture();
                heap.whenComplete((v, e) -> {
                    long took = System.nanoTime() - started;
                    synchronized (nextLookNanos) {
                        nextLookNanos.put(port, started + (long) COST_FACTOR * took);
                    }
                });
                answers.put(port, heap);
                outputs.put(port, port.unsentOutputBytes());
            }
        }
        long deadline = System.nanoTime() + answerWithin.toNanos();
        for (Map.Entry<PortCopy, CompletableFuture<OptionalLong>> e : answers.entrySet()) {
            PortCopy port = e.getKey();
            OptionalLong heap = await(e.getValue(), deadline);
            heap.ifPresent(port::measuredHeap);
            long budget = port.memoryBudgetBytes();
            long output = await(outputs.get(port), deadline).orElse(0);
            if (heap.isPresent() && heap.getAsLong() + output > budget) {
                restart(asked.get(port), "its code kept at least " + mib(heap.getAsLong()) + " of heap"
                        + (output > 0 ? " and its connections " + mib(output) + " of unsent output" : "")
                        + ", over its " + mib(budget) + " memory budget");
            }
        }
        safetyNet(served, asked);
    }

    private long nextLook(PortCopy port, long now) {
        synchronized (nextLookNanos) {
            return nextLookNanos.getOrDefault(port, now);
        }
    }

    private void safetyNet(List<PortCopy> served, Map<PortCopy, HandlerInstance> asked) {
        Map<Long, Long> now = new HashMap<>();
        PortCopy top = null;
        long most = 0;
        for (PortCopy port : served) {
            long id = port.loopThreadId();
            if (id < 0) {
                continue;
            }
            long total = threads.getThreadAllocatedBytes(id);
            now.put(id, total);
            long since = total - allocatedBefore.getOrDefault(id, total);
            if (since > most && asked.containsKey(port)) {
                most = since;
                top = port;
            }
        }
        allocatedBefore.clear();
        allocatedBefore.putAll(now);
        long collections = 0;
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
        }
        long max = Runtime.getRuntime().maxMemory();
        boolean freshCollection = collections != lastCollections;
        lastCollections = collections;
        if (!freshCollection || max == Long.MAX_VALUE || used < HEAP_ALARM * max || top == null) {
            return;
        }
        restart(asked.get(top), "the broker's heap was still at " + Math.round(100.0 * used / max)
                + "% of its " + mib(max) + " maximum after a collection, and this handler allocated the most since the "
                + "last check (" + mib(most) + ")");
    }

    /** The engine logs the reason, tagged with the handler, as it does for the watchdog. */
    private static void restart(HandlerInstance instance, String why) {
        instance.restart(why);
    }

    private static OptionalLong await(CompletableFuture<? extends Object> answer, long deadlineNanos) {
        try {
            Object value = answer.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return value instanceof OptionalLong o ? o : OptionalLong.of((Long) value);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return OptionalLong.empty();
        }
    }

    /** Whole MiB when exact (a budget), else one decimal, so a measure just past a budget never reads as equal. */
    static String mib(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", Math.floor(bytes / 1048576.0 * 10) / 10);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
