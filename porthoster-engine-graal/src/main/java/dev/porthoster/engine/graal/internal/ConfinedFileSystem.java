package dev.porthoster.engine.graal.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only file access a handler has: read-only, confined to the content root, blind to {@code _} and {@code .}
 * paths, plus the built-in modules {@code node:buffer} and {@code node:events}.
 */
final class ConfinedFileSystem implements FileSystem {

    /** Where the built-in modules appear; a dot folder, so no user file can shadow it. */
    private static final String BUILTIN_DIR = ".porthoster-builtin";

    private static final Map<String, String> BUILTINS = Map.of(
            "buffer.mjs", "const B = globalThis.Buffer;\nexport { B as Buffer };\nexport default { Buffer: B };\n",
            "events.mjs", "const E = globalThis.__porthoster_EventEmitter;\nexport { E as EventEmitter };\n"
                    + "export const once = E.once;\nexport default E;\n");

    private final FileSystem delegate = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
    private final Path root;
    private final Path entryFile;
    private final Path builtinDir;
    /** Every file a module was read from, for reloads when one changes. */
    private final Set<Path> read = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param root      the content root
     * @param entryFile the handler itself, readable even with a leading {@code _} (dev mode serves such handlers)
     */
    ConfinedFileSystem(Path root, Path entryFile) {
        this.root = root.toAbsolutePath().normalize();
        this.entryFile = entryFile.toAbsolutePath().normalize();
        this.builtinDir = this.root.resolve(BUILTIN_DIR);
    }

    @Override
    public Path parsePath(URI uri) {
        if ("node".equals(uri.getScheme())) {
            return parsePath(uri.toString());
        }
        return delegate.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        if (path.startsWith("node:")) {
            String name = path.substring("node:".length()) + ".mjs";
            if (BUILTINS.containsKey(name)) {
                return builtinDir.resolve(name);
            }
            throw new SecurityException("module '" + path + "' is not available to handlers; "
                    + "only node:buffer and node:events are");
        }
        return delegate.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (isBuiltin(path)) {
            if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
                throw new SecurityException("handlers cannot write files");
            }
            return;
        }
        delegate.checkAccess(confine(path), modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw new SecurityException("handlers cannot create directories (" + dir.getFileName() + ")");
    }

    @Override
    public void delete(Path path) {
        throw new SecurityException("handlers cannot delete files (" + path.getFileName() + ")");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        for (OpenOption o : options) {
            if (o != StandardOpenOption.READ && o != LinkOption.NOFOLLOW_LINKS) {
                throw new SecurityException("handlers cannot write files (" + path.getFileName() + ")");
            }
        }
        if (isBuiltin(path)) {
            String source = BUILTINS.get(path.getFileName().toString());
            if (source == null) {
                throw new NoSuchFileException(path.toString());
            }
            return new ReadOnlyBytesChannel(source.getBytes(StandardCharsets.UTF_8));
        }
        Path confined = confine(path);
        SeekableByteChannel channel = delegate.newByteChannel(confined, options, attrs);
        read.add(confined);
        return channel;
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) {
        throw new SecurityException("handlers cannot list directories");
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path : root.resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        if (isBuiltin(path)) {
            return path.toAbsolutePath().normalize();
        }
        return confine(delegate.toRealPath(confine(path), linkOptions));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        if (isBuiltin(path)) {
            throw new NoSuchFileException(path.toString());
        }
        return delegate.readAttributes(confine(path), attributes, options);
    }

    /** The files read through this file system so far. */
    Set<Path> filesRead() {
        return Set.copyOf(read);
    }

    private boolean isBuiltin(Path path) {
        return path.toAbsolutePath().normalize().getParent() != null
                && path.toAbsolutePath().normalize().getParent().equals(builtinDir);
    }

    /** The path, if it is inside the root and visible; a SecurityException naming the rule otherwise. */
    private Path confine(Path path) {
        Path abs = toAbsolutePath(path).normalize();
        if (!abs.startsWith(root)) {
            throw new SecurityException("import of " + path + " is outside the content root; handlers may import only "
                    + "files inside " + root.getFileName());
        }
        if (abs.equals(entryFile)) {
            return abs;
        }
        for (Path part : root.relativize(abs)) {
            String name = part.toString();
            if (name.startsWith("_") || name.startsWith(".")) {
                throw new SecurityException("import of " + root.relativize(abs) + " is not allowed: paths with a "
                        + "component starting with '_' or '.' are never served");
            }
        }
        return abs;
    }
}
