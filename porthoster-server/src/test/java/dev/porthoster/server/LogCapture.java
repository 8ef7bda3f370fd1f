package dev.porthoster.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records every line logged under one logger (by default {@code dev.porthoster}: the broker and its handlers). */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    /** Everything the broker and its handlers log. */
    LogCapture() {
        this("dev.porthoster");
    }

    /** Everything logged under {@code loggerName} ({@code ""} for every logger of the JVM). */
    LogCapture(String loggerName) {
        this.logger = Logger.getLogger(loggerName);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    /** The messages as logged, formatted with their parameters. */
    List<String> messages() {
        return records.stream().map(LogCapture::message).toList();
    }

    /** Every line so far, as {@code LEVEL message}. */
    List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + message(r)).toList();
    }

    /** Every record with its logger's name and what it threw, as {@code logger message [throwable]}. */
    List<String> described() {
        return records.stream().map(r -> r.getLoggerName() + " " + message(r)
                + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
    }

    /** Whether some line contains every one of {@code parts}. */
    boolean has(String... parts) {
        return lines().stream().anyMatch(l -> java.util.Arrays.stream(parts).allMatch(l::contains));
    }

    private static String message(LogRecord r) {
        String message = r.getMessage();
        if (r.getParameters() != null && r.getParameters().length > 0) {
            message = java.text.MessageFormat.format(message, r.getParameters());
        }
        return message;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
