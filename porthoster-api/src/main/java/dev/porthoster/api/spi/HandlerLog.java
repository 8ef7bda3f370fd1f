package dev.porthoster.api.spi;

/** The log a handler writes to through {@code console} and {@code ctx.log}; the broker tags every line with the handler. */
public interface HandlerLog {

    /** Severity of a handler log line. */
    enum Level {
        DEBUG, INFO, WARN, ERROR;

        /** The level the prelude names ({@code "debug"}, {@code "warn"}, ...); anything else is {@link #INFO}. */
        public static Level named(String name) {
            return switch (name) {
                case "debug" -> DEBUG;
                case "warn" -> WARN;
                case "error" -> ERROR;
                default -> INFO;
            };
        }
    }

    /** Writes one line. */
    void log(Level level, String message);
}
