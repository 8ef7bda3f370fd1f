package dev.porthoster.core.internal;

import dev.porthoster.api.PortSpec;
import dev.porthoster.api.spi.HandlerLog;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/** Routes a handler's {@code console} and {@code ctx.log} to the broker's log, tagged with the handler. */
public final class HandlerLogs {

    private static final System.Logger LOG = System.getLogger("dev.porthoster.handler");

    private HandlerLogs() {
    }

    /**
     * The log of the handler serving {@code spec}: every line starts with {@code [echo.tcp.7000]}, and is escaped,
     * cut and rate-limited by a {@link BoundedHandlerLog} of its own.
     */
    public static HandlerLog of(PortSpec spec) {
        return of(spec, 0, 1);
    }

    /**
     * The log of copy {@code copy} of {@code copies} of the handler serving {@code spec}: tagged as {@link #of(PortSpec)}
     * tags when there is one copy, else with the copy's number ({@code [echo.tcp.7000#1]}), with bounds of its own.
     */
    public static HandlerLog of(PortSpec spec, int copy, int copies) {
        String tag = "[" + spec.name() + "." + spec.protocol().token() + "." + spec.port()
                + (copies > 1 ? "#" + copy : "") + "] ";
        HandlerLog broker = (level, message) -> LOG.log(switch (level) {
            case DEBUG -> Level.DEBUG;
            case INFO -> Level.INFO;
            case WARN -> Level.WARNING;
            case ERROR -> Level.ERROR;
        }, tag + message);
        return new BoundedHandlerLog(broker, () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
    }
}
