package dev.porthoster.engine.graal.internal;

import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.js.ModuleRules;
import dev.porthoster.js.ModuleSource;
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
import java.util.Optional;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only file access a handler has, adapting {@link ModuleRules} to GraalJS: read-only, and every path GraalJS
 * resolves is checked and read by the rules (real path inside the content root, no {@code _}/{@code .} component,
 * regular files only, bounded size and read time). The {@code node:} built-ins appear as files in a dot folder no
 * user file can shadow.
 */
final class ConfinedFileSystem implements FileSystem {

    /** Where the built-in modules appear; a dot folder, so no user file can shadow it. */
    private static final String BUILTIN_DIR = ".porthoster-builtin";

    private final FileSystem delegate = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
    private final ModuleRules rules;
    private final Path root;
    private final Path builtinDir;
    /** The last refusal, so a failed load reports it with file and line rather than as GraalJS's wrapped text. */
    private volatile HandlerLoadException refusal;

    /**
     * @param root      the content root
     * @param entryFile the handler itself, readable even with a leading {@code _} (dev mode serves such handlers)
     */
    ConfinedFileSystem(Path root, Path entryFile) {
        this.rules = new ModuleRules(root, entryFile);
        this.root = root.toAbsolutePath().normalize();
        this.builtinDir = this.root.resolve(BUILTIN_DIR);
    }

    /** The handler's own file, read under the rules. */
    ModuleSource entry() throws HandlerLoadException {
        return rules.entry();
    }

    /** The files read through this file system so far. */
    Set<Path> filesRead() {
        return rules.filesRead();
    }

    /** The refusal behind a load failure whose message carries its reason, if any. */
    Optional<HandlerLoadException> refusalIn(String failureMessage) {
        HandlerLoadException r = refusal;
        return r != null && failureMessage != null && failureMessage.contains(r.reason()) ? Optional.of(r)
                : Optional.empty();
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
        if (path.startsWith("node:") || (!path.isEmpty() && !ModuleRules.isPath(path) && ModuleRules.builtin(path).isPresent())) {
            if (ModuleRules.builtin(path).isPresent()) {
                // one file per built-in, directly in the dot folder: node:timers/promises is timers%2Fpromises.mjs
                String name = path.startsWith("node:") ? path.substring("node:".length()) : path;
                return builtinDir.resolve(name.replace("/", "%2F") + ".mjs");
            }
            throw refuse(rules.refuseSpecifier(path));
        }
        if (!path.isEmpty() && !ModuleRules.isPath(path)) {
            // GraalJS resolves './x.js' against the importer itself and parses only bare specifiers ('lodash') here.
            throw refuse(rules.refuseSpecifier(path));
        }
        return delegate.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
            throw new SecurityException("handlers cannot write or execute files (" + path.getFileName() + ")");
        }
        if (!isBuiltin(path)) {
            delegate.checkAccess(realPath(path), modes);
        }
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
        String text;
        if (isBuiltin(path)) {
            String name = "node:" + path.getFileName().toString().replaceFirst("\\.mjs$", "").replace("%2F", "/");
            text = ModuleRules.builtin(name).orElseThrow(() -> new NoSuchFileException(path.toString())).text();
        } else {
            try {
                text = rules.read(toAbsolutePath(path)).text();
            } catch (HandlerLoadException e) {
                throw refuse(e);
            }
        }
        return new ReadOnlyBytesChannel(text.getBytes(StandardCharsets.UTF_8));
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
    public Path toRealPath(Path path, LinkOption... linkOptions) {
        if (isBuiltin(path)) {
            return toAbsolutePath(path).normalize();
        }
        return realPath(path);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        if (isBuiltin(path)) {
            throw new NoSuchFileException(path.toString());
        }
        return delegate.readAttributes(realPath(path), attributes, LinkOption.NOFOLLOW_LINKS);
    }

    private Path realPath(Path path) {
        try {
            return rules.realPath(toAbsolutePath(path));
        } catch (HandlerLoadException e) {
            throw refuse(e);
        }
    }

    private SecurityException refuse(HandlerLoadException e) {
        refusal = e;
        return new SecurityException(e.reason());
    }

    private boolean isBuiltin(Path path) {
        Path parent = toAbsolutePath(path).normalize().getParent();
        return parent != null && parent.equals(builtinDir);
    }
}
