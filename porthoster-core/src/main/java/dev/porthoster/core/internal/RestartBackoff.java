package dev.porthoster.core.internal;

import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.HandlerLog;
import dev.porthoster.core.HandlerStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * How soon a handler instance that stopped itself (the watchdog, its memory budget) may boot again. The first stop
 * restarts at once; each further stop within {@link #QUIET} of the previous one doubles the wait, from
 * {@link #FIRST_WAIT} up to {@link #LONGEST_WAIT}, as systemd backs off a service that keeps failing. A handler that
 * has run quietly for {@link #QUIET} starts over. Thread-safe: the loop records, {@code status()} reads.
 */
public final class RestartBackoff {

    /** The wait before the second restart in a row. */
    public static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    /** The longest wait between two restarts. */
    public static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    /** A stop this long after the previous restart counts as the first again. */
    public static final Duration QUIET = Duration.ofSeconds(60);

    private final LongSupplier nowMillis;
    private final HandlerLog log;
    private int total;
    private int inARow;
    private long lastBootAt = Long.MIN_VALUE;
    private long lastStopAt = Long.MIN_VALUE;
    private String lastReason = "";

    /**
     * @param nowMillis a monotonic clock in milliseconds (the loop's, so the testkit's virtual clock drives it)
     * @param log       the handler's log, where a wait is announced
     */
    public RestartBackoff(LongSupplier nowMillis, HandlerLog log) {
        this.nowMillis = nowMillis;
        this.log = log;
    }

    /**
     * {@link dev.porthoster.api.spi.HandlerHost#restartAfterBackoff} for the broker and the testkit alike: records the
     * stop, then runs {@code boot} on {@code loop} at once or after the wait.
     */
    public void restartAfterBackoff(String reason, EventLoop loop, Runnable boot) {
        Duration wait = stopped(reason);
        if (wait.isZero()) {
            boot.run();
        } else {
            loop.schedule(boot, wait.toMillis());
        }
    }

    /** Records a stop for {@code reason} and returns how long to wait before booting again; a wait is logged. */
    public synchronized Duration stopped(String reason) {
        long now = nowMillis.getAsLong();
        if (lastBootAt == Long.MIN_VALUE || now - lastBootAt >= QUIET.toMillis()) {
            inARow = 0;
        }
        inARow++;
        total++;
        lastReason = reason;
        lastStopAt = now;
        Duration wait = Duration.ZERO;
        if (inARow > 1) {
            Duration doubled = FIRST_WAIT.multipliedBy(1L << Math.min(inARow - 2, 16));
            wait = doubled.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : doubled;
        }
        lastBootAt = now + wait.toMillis();
        if (!wait.isZero()) {
            log.log(HandlerLog.Level.WARN, "stopped " + inARow + " times in a row; restarting in " + wait.toSeconds()
                    + " s (backing off up to " + LONGEST_WAIT.toSeconds() + " s); until then new connections are "
                    + "reset and datagrams dropped");
        }
        return wait;
    }

    /** When the last stop was recorded, on the clock given; {@link Long#MIN_VALUE} before any. */
    public synchronized long lastStopMillis() {
        return lastStopAt;
    }

    /** Whether a restart is waiting out its backoff now. */
    public synchronized boolean waiting() {
        return lastBootAt != Long.MIN_VALUE && lastBootAt > nowMillis.getAsLong();
    }

    /** What {@code status()} shows: how many restarts in all, and the wait in force now, if any. */
    public synchronized HandlerStatus.Restarts snapshot() {
        long now = nowMillis.getAsLong();
        Optional<Duration> waiting = lastBootAt != Long.MIN_VALUE && lastBootAt > now
                ? Optional.of(Duration.ofMillis(lastBootAt - now)) : Optional.empty();
        return new HandlerStatus.Restarts(total, total == 0 ? Optional.empty() : Optional.of(lastReason), waiting);
    }
}
