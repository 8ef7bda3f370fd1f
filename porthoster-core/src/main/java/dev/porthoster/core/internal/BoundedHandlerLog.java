package dev.porthoster.core.internal;

import dev.porthoster.api.spi.HandlerLog;
import dev.porthoster.core.LogLines;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One handler's log, made safe before it reaches the broker's: every line is escaped and cut to
 * {@link LogLines#MAX_CHARS}, and a token bucket bounds how much one handler can log. Both engines and the testkit
 * write through this class, so a handler's log behaves the same everywhere.
 *
 * <p>The bucket holds {@link #BURST} lines and refills at {@link #LINES_PER_SECOND}; a line counts once per started
 * KiB, so long lines drain it faster. Once it is empty, lines are dropped and counted until it has refilled halfway;
 * the next line is then preceded by one summary ({@code 1234 lines suppressed: ...}). A handler flooding without
 * pause thus gets a summary and half a bucket of lines every few seconds, never more on average than the rate.
 * Checking the bucket comes before escaping, so a dropped line costs almost nothing.
 */
public final class BoundedHandlerLog implements HandlerLog {

    /** Lines a quiet handler may log at once. */
    public static final int BURST = 500;
    /** Lines per second a handler may log on average. */
    public static final int LINES_PER_SECOND = 100;

    private final HandlerLog sink;
    private final LongSupplier clockMillis;
    private double tokens = BURST;
    private long lastMillis;
    private boolean suppressing;
    private long suppressed;

    /**
     * @param sink        where the escaped, bounded lines go
     * @param clockMillis a monotonic clock in milliseconds (the virtual clock in the testkit)
     */
    public BoundedHandlerLog(HandlerLog sink, LongSupplier clockMillis) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.lastMillis = clockMillis.getAsLong();
    }

    @Override
    public synchronized void log(Level level, String message) {
        String text = message == null ? "null" : message;
        long now = clockMillis.getAsLong();
        if (now > lastMillis) {
            tokens = Math.min(BURST, tokens + (now - lastMillis) * (LINES_PER_SECOND / 1000.0));
            lastMillis = now;
        }
        if (suppressing) {
            if (tokens < BURST / 2.0) {
                suppressed++;
                return;
            }
            suppressing = false;
            sink.log(Level.WARN, suppressed + (suppressed == 1 ? " line" : " lines") + " suppressed: this handler"
                    + " logged more than " + BURST + " lines at once or " + LINES_PER_SECOND + " a second");
            suppressed = 0;
        }
        double cost = 1 + (Math.min(text.length(), LogLines.MAX_CHARS) - 1) / 1024;
        if (tokens < cost) {
            suppressing = true;
            suppressed = 1;
            return;
        }
        tokens -= cost;
        sink.log(level, LogLines.escape(text, LogLines.MAX_CHARS));
    }
}
