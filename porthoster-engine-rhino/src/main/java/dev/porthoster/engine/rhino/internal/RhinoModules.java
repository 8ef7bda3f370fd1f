package dev.porthoster.engine.rhino.internal;

import dev.porthoster.api.spi.HandlerLoadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a handler's imports come from: files inside the content root, read-only, never a path with a component
 * starting with {@code _} or {@code .}, plus the built-ins {@code node:buffer} and {@code node:events}. The same
 * rules as the GraalJS engine's confined file system.
 */
final class RhinoModules {

    /** Same text as the GraalJS engine's built-ins, so both engines export the same names. */
    static final Map<String, String> BUILTINS = Map.of(
            "node:buffer", "const B = globalThis.Buffer;\nexport { B as Buffer };\nexport default { Buffer: B };\n",
            "node:events", "const E = globalThis.__porthoster_EventEmitter;\nexport { E as EventEmitter };\n"
                    + "export const once = E.once;\nexport default E;\n");

    private final Path root;
    private final Path entryFile;

    RhinoModules(Path root, Path entryFile) {
        this.root = root.toAbsolutePath().normalize();
        this.entryFile = entryFile.toAbsolutePath().normalize();
    }

    /** A module to load: its key (a path, or the node: name) and source text. */
    record Found(Path path, String name, String source) {
    }

    Found resolve(Path importer, int line, String spec) throws HandlerLoadException {
        if (spec.startsWith("node:")) {
            String text = BUILTINS.get(spec);
            if (text == null) {
                throw new HandlerLoadException(importer, line, "module '" + spec + "' is not available to handlers; "
                        + "only node:buffer and node:events are");
            }
            return new Found(null, spec, text);
        }
        if (!spec.startsWith("./") && !spec.startsWith("../") && !spec.startsWith("/")) {
            throw new HandlerLoadException(importer, line, "cannot import '" + spec + "': handlers import files by "
                    + "relative path ('./lib/x.js') or node:buffer and node:events; there are no packages");
        }
        Path abs = importer.getParent().resolve(spec).toAbsolutePath().normalize();
        if (!abs.startsWith(root)) {
            throw new HandlerLoadException(importer, line, "import of " + spec + " is outside the content root; "
                    + "handlers may import only files inside " + root.getFileName());
        }
        if (!abs.equals(entryFile)) {
            for (Path part : root.relativize(abs)) {
                String name = part.toString();
                if (name.startsWith("_") || name.startsWith(".")) {
                    throw new HandlerLoadException(importer, line, "import of " + root.relativize(abs)
                            + " is not allowed: paths with a component starting with '_' or '.' are never served");
                }
            }
        }
        try {
            return new Found(abs, abs.toString(), Files.readString(abs, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HandlerLoadException(importer, line, "cannot read " + root.relativize(abs) + ": " + e);
        }
    }
}
