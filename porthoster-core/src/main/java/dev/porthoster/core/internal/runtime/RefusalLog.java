package dev.porthoster.core.internal.runtime;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Logs refusals without flooding: per port and reason, the first refusal of each window is logged with its source,
 * the rest are counted and summed into the next line.
 */
final class RefusalLog {

    static final long WINDOW_MILLIS = 10_000;
    private static final System.Logger LOG = System.getLogger("dev.porthoster.screen");

    private final String port;
    private final LongSupplier clock;
    private final Map<String, long[]> state = new HashMap<>(); // by reason name: {windowStart, suppressed}

    RefusalLog(String port, LongSupplier clockMillis) {
        this.port = port;
        this.clock = clockMillis;
    }

    /** Records one refusal; returns whether a line was logged. */
    boolean refused(Screen.Reason reason, InetAddress source, String what) {
        return refused(reason.name(), reason.text(), source, what);
    }

    /**
     * Records one refusal for a reason by its name, described by {@code text} (which may carry a detail for the first
     * refusal of a window); returns whether a line was logged.
     */
    boolean refused(String reason, String text, InetAddress source, String what) {
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
                + " (" + text + ")"
                + (suppressed > 0 ? "; " + suppressed + " more refused for this reason in the previous window, not logged" : ""));
        return true;
    }
}
