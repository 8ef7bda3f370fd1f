package dev.porthoster.core.manifest;

import java.nio.file.Path;

/**
 * A manifest that cannot be used, with where and what to write instead:
 * {@code echo.tcp.7000.port.json:4: rate.perSource: expected a rate such as "20/s", got 20}.
 */
public final class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String reason;

    ManifestException(Path file, int line, String reason) {
        super(file.getFileName() + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    /** The manifest file. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** What is wrong and what is expected, without file and line. */
    public String reason() {
        return reason;
    }
}
