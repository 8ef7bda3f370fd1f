package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.spi.Connection;
import dev.porthoster.api.spi.ConnectionEvents;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.Transport;
import dev.porthoster.core.internal.RestartBackoff;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * One copy of a port's handler ({@code instances: N} runs N of them): a loop of its own and the instance serving on
 * it now, with what belongs to that copy alone. Its connections (they live on its loop until they close), its restart
 * record (a runaway copy restarts and backs off alone), its memory budget (the manifest's {@code limits.memory} bounds
 * each copy: what its code retains, measured in its own context, plus the output its connections queue), and the
 * fair share of its UDP socket's reads. A reload swaps the instance behind the copy; the copy and its loop stay,
 * unless the new version has fewer copies. Everything but the volatile fields and the counters is touched on the
 * copy's loop only.
 */
public final class PortCopy {

    private static final System.Logger LOG = System.getLogger("dev.porthoster.broker");

    private final int index;
    private final Transport.Loop loop;
    private final String name;
    private volatile HandlerInstance current;
    private volatile RestartBackoff restarts;
    /** The serving instance's retained heap at the memory guard's last look. */
    private volatile long measuredHeap;
    private final LongSupplier budgetBytes;
    /**
     * What the budget leaves for queued output once the copy's own heap is counted: the output of the copy's
     * connections, inbound and outbound (its gate's).
     */
    private final OutputBudget output;
    /** The copy's outbound traffic, checked against the manifest's {@code connect} list; kept across reloads. */
    private final OutboundGate outbound;
    private volatile long loopThreadId = -1;
    /** Open connections per instance; on the loop only. */
    private final Map<HandlerInstance, Set<Connection>> live = new HashMap<>();
    /** Retired instances waiting for their connections to close; on the loop only. */
    private final Map<HandlerInstance, CompletableFuture<Void>> retiring = new HashMap<>();
    /** The fair share of this copy's UDP socket; on the loop that reads the socket. */
    final FairShare fairShare;
    /** {@code ctx.reply} over the socket a datagram came in on, made once per socket; on the loop only. */
    PeerReplies replies;
    /** Connections open on this copy, for {@code status()}. */
    private final AtomicInteger open = new AtomicInteger();
    /** Connections the port's spread sent here that have not reached {@link PortRuntime#accept} yet. */
    private final AtomicInteger inFlight = new AtomicInteger();

    PortCopy(int index, Transport.Loop loop, String name, HandlerInstance instance, RestartBackoff restarts,
             LongSupplier budgetBytes, FairShare fairShare, OutboundGate outbound) {
        this.index = index;
        this.loop = loop;
        this.name = name;
        this.current = instance;
        this.restarts = restarts;
        this.budgetBytes = budgetBytes;
        this.outbound = outbound;
        this.output = outbound.output();
        outbound.budget(() -> Math.max(0, budgetBytes.getAsLong() - measuredHeap));
        this.fairShare = fairShare;
        loop.execute(() -> loopThreadId = Thread.currentThread().threadId());
    }

    /** Which copy, from 0. */
    public int index() {
        return index;
    }

    /** The gate the copy's outbound traffic goes through, whichever version serves. */
    public OutboundGate outbound() {
        return outbound;
    }

    /** The copy's own loop: its connections, its UDP socket and its instances run there. */
    public Transport.Loop loop() {
        return loop;
    }

    /** The instance taking new work now; null once the copy is retired. */
    public HandlerInstance current() {
        return current;
    }

    /** Restarts of the serving version of this copy. */
    public RestartBackoff restarts() {
        return restarts;
    }

    /** The copy's memory budget: the heap its code retains plus the output its connections have queued. */
    public long memoryBudgetBytes() {
        return budgetBytes.getAsLong();
    }

    /** Records what the memory guard measured of the serving instance's heap. */
    public void measuredHeap(long bytes) {
        measuredHeap = bytes;
    }

    /** The output queued on this copy's connections, counted on its loop. */
    public CompletableFuture<Long> unsentOutputBytes() {
        CompletableFuture<Long> out = new CompletableFuture<>();
        loop.execute(() -> out.complete(output.exact()));
        return out;
    }

    /** The id of the loop's thread, once it has run a task; -1 before. */
    public long loopThreadId() {
        return loopThreadId;
    }

    /** TCP connections open on this copy now. */
    public int openConnections() {
        return open.get();
    }

    /** Whether the copy is waiting out a restart backoff (it resets new connections meanwhile). */
    boolean waitingToRestart() {
        return restarts.waiting();
    }

    /** The port's spread sent a connection here; any thread. */
    void spreadHere() {
        inFlight.incrementAndGet();
    }

    /** A connection the spread sent here reached the acceptor; on the loop. */
    void landed() {
        inFlight.getAndUpdate(n -> n > 0 ? n - 1 : 0);
    }

    /** Connections spread here and still on their way to the loop. */
    int inFlight() {
        return inFlight.get();
    }

    /** Whether this is the copy whose loop runs the calling thread. */
    boolean here() {
        return loop.inEventLoop();
    }

    /**
     * Hands an admitted connection to the serving instance, with the port's idle timeout; on the loop.
     *
     * @param closed run once the connection is gone, after the copy's own bookkeeping
     */
    ConnectionEvents handOver(Connection connection, Optional<Long> idleMillis, Runnable closed) {
        HandlerInstance instance = current;
        Optional<IdleTimer> idle = idleMillis.map(ms -> new IdleTimer(loop, connection, ms));
        live.computeIfAbsent(instance, i -> new HashSet<>()).add(connection);
        output.opened(connection);
        open.incrementAndGet();
        Runnable done = () -> {
            idle.ifPresent(IdleTimer::stop);
            forget(instance, connection);
            closed.run();
        };
        ConnectionEvents events;
        try {
            events = instance.accept(new ScreenedConnection(connection, idle, output));
        } catch (RuntimeException e) {
            done.run();
            throw e;
        }
        return new HandedOver(events, idle, done);
    }

    private void forget(HandlerInstance instance, Connection connection) {
        output.closed(connection);
        open.decrementAndGet();
        Set<Connection> conns = live.get(instance);
        if (conns != null) {
            conns.remove(connection);
            if (conns.isEmpty()) {
                live.remove(instance);
                if (retiring.containsKey(instance)) {
                    finishRetirement(instance);
                }
            }
        }
    }

    /**
     * Puts {@code next} (loaded and opened on this loop) in front, on the loop, and retires what it replaces.
     *
     * @return completes once {@code next} takes the copy's new work (the replaced instance drains on after)
     */
    CompletableFuture<Void> swap(HandlerInstance next, RestartBackoff nextRestarts, long drainMillis) {
        CompletableFuture<Void> inFront = new CompletableFuture<>();
        loop.execute(() -> {
            HandlerInstance old = current;
            current = next;
            restarts = nextRestarts;
            measuredHeap = 0; // the new version has not been measured; its output gets the whole budget meanwhile
            inFront.complete(null);
            retire(old, drainMillis);
        });
        return inFront;
    }

    /** Stops taking work: the serving instance is retired like a replaced one. */
    CompletableFuture<Void> shutdown(long drainMillis) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            HandlerInstance old = current;
            current = null;
            retire(old, drainMillis).whenComplete((v, e) -> done.complete(null));
        });
        return done;
    }

    /** On the loop: aborts the instance's signal, lets its connections drain up to the timeout, then closes it. */
    private CompletableFuture<Void> retire(HandlerInstance instance, long drainMillis) {
        if (instance == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        retiring.put(instance, done);
        try {
            instance.abort("this version of " + name + " is being retired");
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "aborting " + name + " failed", e);
        }
        if (live.getOrDefault(instance, Set.of()).isEmpty()) {
            finishRetirement(instance);
        } else {
            loop.schedule(() -> {
                if (retiring.containsKey(instance)) {
                    Set<Connection> remaining = live.remove(instance);
                    int n = remaining == null ? 0 : remaining.size();
                    LOG.log(Level.INFO, name + ": " + n + " connection(s) of a retired version still open after the "
                            + drainMillis + " ms drain timeout; closing them");
                    if (remaining != null) {
                        remaining.forEach(Connection::destroy);
                    }
                    finishRetirement(instance);
                }
            }, drainMillis);
        }
        return done;
    }

    private void finishRetirement(HandlerInstance instance) {
        CompletableFuture<Void> done = retiring.remove(instance);
        if (done == null) {
            return;
        }
        try {
            instance.close().whenComplete((v, e) -> done.complete(null));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "close(ctx) of " + name + " failed", e);
            done.complete(null);
        }
    }
}
