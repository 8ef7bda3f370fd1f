package dev.porthoster.testkit;

import dev.porthoster.api.spi.Transport;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An event loop the test drives by hand, with a virtual clock: tasks run only inside {@link #runPending()} and
 * {@link #advance(long)}, on the test's own thread, so a test sees every step in order and never sleeps. After
 * {@link #close()} nothing more runs, as after a real loop's thread has stopped.
 */
public final class ManualEventLoop implements Transport.Loop {

    private record Timer(long due, long seq, Runnable task, boolean[] cancelled) { }

    private final ConcurrentLinkedQueue<Runnable> incoming = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparingLong(Timer::due).thenComparingLong(Timer::seq));
    private final Thread owner = Thread.currentThread();
    private long now;
    private long seq;
    private volatile boolean closed;

    /** A loop owned by the calling thread, its clock at 0. */
    public ManualEventLoop() {
    }

    @Override
    public boolean inEventLoop() {
        return Thread.currentThread() == owner;
    }

    @Override
    public void execute(Runnable task) {
        incoming.add(task);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        boolean[] cancelled = {false};
        synchronized (timers) {
            timers.add(new Timer(now + Math.max(0, delayMillis), seq++, task, cancelled));
        }
        return () -> cancelled[0] = true;
    }

    @Override
    public long nowMillis() {
        return now;
    }

    /** Runs queued tasks and due timers until none is left; returns how many ran. */
    public int runPending() {
        int ran = 0;
        while (!closed) {
            Runnable task = incoming.poll();
            if (task == null) {
                task = nextDueTimer();
            }
            if (task == null) {
                return ran;
            }
            task.run();
            ran++;
        }
        return ran;
    }

    private Runnable nextDueTimer() {
        synchronized (timers) {
            while (!timers.isEmpty() && timers.peek().due() <= now) {
                Timer t = timers.poll();
                if (!t.cancelled()[0]) {
                    return t.task();
                }
            }
            return null;
        }
    }

    /** Moves the clock forward by {@code millis}, running every timer in due order at its due time. */
    public void advance(long millis) {
        long target = now + millis;
        runPending();
        while (true) {
            Timer next;
            synchronized (timers) {
                next = timers.peek();
            }
            if (next == null || next.due() > target) {
                break;
            }
            now = Math.max(now, next.due());
            runPending();
        }
        now = target;
        runPending();
    }

    /** Drops every queued task and timer; nothing runs on this loop any more. */
    @Override
    public void close() {
        closed = true;
        incoming.clear();
        synchronized (timers) {
            timers.clear();
        }
    }

    /** How many timers are armed and not cancelled. */
    public int pendingTimers() {
        synchronized (timers) {
            return (int) timers.stream().filter(t -> !t.cancelled()[0]).count();
        }
    }
}
