package dev.porthoster.core.internal.runtime;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.function.LongSupplier;

/**
 * Logs refusals without flooding: per port and reason, the first refusal of each window is logged with its source,
 * the rest are counted and summed into the next line. Thread-safe: the copies of a handler refuse on their own loops.
 */
final class RefusalLog {

    static final long WINDOW_MILLIS = 10_000;
    private static final System.Logger LOG = System.getLogger("dev.porthoster.screen");

    private final String port;
    private final LongSupplier clock;
    private final EnumMap<Screen.Reason, long[]> state = new EnumMap<>(Screen.Reason.class); // {windowStart, suppressed}

    RefusalLog(String port, LongSupplier clockMillis) {
        this.port = port;
        this.clock = clockMillis;
    }

    /** Records one refusal; returns whether a line was logged. */
    synchronized boolean refused(Screen.Reason reason, InetAddress source, String what) {
        long now = clock.getAsLong();
        long[] s = state.computeIfAbsent(reason, r -> new long[] {Long.MIN_VALUE, 0});
        if (s[0] != Long.MIN_VALUE && now - s[0] < WINDOW_MILLIS) {
            s[1]++;
            return false;
        }
        long suppressed = s[1];
        s[0] = now;
        s[1] = 0;
        LOG.log(Level.WARNING, port + ": refused a " + what + " from " + dev.porthoster.api.spi.Addresses.text(source)
                + " (" + reason.text() + ")"
                + (suppressed > 0 ? "; " + suppressed + " more refused for this reason in the previous window, not logged" : ""));
        return true;
    }
}
