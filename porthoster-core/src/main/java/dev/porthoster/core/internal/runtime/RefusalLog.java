package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.spi.EdgeRefusal;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.function.LongSupplier;

/**
 * Logs refusals without flooding: per port and reason, the first refusal of each window is logged with its source,
 * the rest are counted and summed into the next line. Screening's reasons and the edge's are kept apart, each in an
 * {@link EnumMap}: a datagram flood calls this once per refused datagram. Thread-safe: the copies of a handler refuse
 * on their own loops.
 */
final class RefusalLog {

    static final long WINDOW_MILLIS = 10_000;
    private static final System.Logger LOG = System.getLogger("dev.porthoster.screen");

    private final String port;
    private final LongSupplier clock;
    private final EnumMap<Screen.Reason, long[]> screened = new EnumMap<>(Screen.Reason.class); // {windowStart, suppressed}
    private final EnumMap<EdgeRefusal, long[]> edge = new EnumMap<>(EdgeRefusal.class);

    RefusalLog(String port, LongSupplier clockMillis) {
        this.port = port;
        this.clock = clockMillis;
    }

    /** Records one refusal by screening; returns whether a line was logged. */
    synchronized boolean refused(Screen.Reason reason, InetAddress source, String what) {
        return refused(screened.computeIfAbsent(reason, r -> new long[] {Long.MIN_VALUE, 0}), reason.text(), source, what);
    }

    /** Records one refusal at the edge, with a detail for the line if one is logged; returns whether one was. */
    synchronized boolean refused(EdgeRefusal reason, String text, InetAddress source, String what) {
        return refused(edge.computeIfAbsent(reason, r -> new long[] {Long.MIN_VALUE, 0}), text, source, what);
    }

    private boolean refused(long[] s, String text, InetAddress source, String what) {
        long now = clock.getAsLong();
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
