package dev.porthoster.api.spi;

/** The log a handler writes to through {@code console} and {@code ctx.log}; the broker tags every line with the handler. */
public interface HandlerLog {

    /** Severity of a handler log line. */
    enum Level { DEBUG, INFO, WARN, ERROR }

    /** Writes one line. */
    void log(Level level, String message);
}
