package dev.porthoster.js;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A module a handler may load, as {@link ModuleRules} read it.
 *
 * @param key  what identifies the module to an engine's module cache: the real path of its file, or the built-in's
 *             name ({@code node:events})
 * @param file the real path of the file it was read from; empty for a built-in
 * @param text the source text
 */
public record ModuleSource(String key, Optional<Path> file, String text) {

    public ModuleSource {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
    }

    /** Whether this is one of the {@code node:} built-ins rather than a file. */
    public boolean builtin() {
        return file.isEmpty();
    }
}
