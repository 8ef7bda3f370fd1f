package dev.porthoster.api.spi;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A handler could not be loaded. The message is meant for the user and always begins with the file (and line, when
 * known): {@code echo.tcp.7000.port.js:3: SyntaxError: Expected ; but found x}.
 */
public final class HandlerLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String reason;

    /**
     * @param file   the file at fault (the handler or a module it imports)
     * @param line   the 1-based line, or 0 when unknown
     * @param reason what is wrong, without the file name
     */
    public HandlerLoadException(Path file, int line, String reason) {
        super(file.getFileName() + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** What is wrong, without the file and line. */
    public String reason() {
        return reason;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, if known. */
    public OptionalInt line() {
        return line > 0 ? OptionalInt.of(line) : OptionalInt.empty();
    }
}
