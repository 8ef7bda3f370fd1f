package dev.porthoster.js;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread that looks at every handler instance's running callback, whatever its engine. Each instance polls
 * at a tenth of its limit (at least every 10 ms), so a runaway callback is stopped between its limit and 110% of it.
 */
final class Watchdog {

    private static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "porthoster-watchdog");
        t.setDaemon(true);
        return t;
    });

    private Watchdog() {
    }

    /** Runs {@code check} every tenth of {@code limitMillis}, at least every 10 ms, until the handle is cancelled. */
    static ScheduledFuture<?> every(long limitMillis, Runnable check) {
        long period = Math.max(10, limitMillis / 10);
        return THREAD.scheduleAtFixedRate(check, period, period, TimeUnit.MILLISECONDS);
    }
}
