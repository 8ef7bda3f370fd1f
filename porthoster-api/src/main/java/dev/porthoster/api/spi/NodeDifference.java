package dev.porthoster.api.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Code an engine runs, but not as Node does: found when the engine loads a module, reported to its host
 * ({@link HandlerHost#nodeDifference}) so {@code porthoster check --engine X} lists it and the broker logs it. Each
 * difference is one listed in docs/engines.md.
 *
 * @param file       the module the code is in (the handler, or a module it imports)
 * @param line       the 1-based line of the code
 * @param construct  what the code uses, as written ({@code WeakRef}, {@code instanceof Writable})
 * @param difference what the engine does instead of what Node does, and what to write instead
 */
public record NodeDifference(Path file, int line, String construct, String difference) {

    public NodeDifference {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(construct, "construct");
        Objects.requireNonNull(difference, "difference");
    }

    /** {@code FILE:LINE: CONSTRUCT: DIFFERENCE}, the file by its name. */
    public String message() {
        return file.getFileName() + ":" + line + ": " + construct + ": " + difference;
    }
}
