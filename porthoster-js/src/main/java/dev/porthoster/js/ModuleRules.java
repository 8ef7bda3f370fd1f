package dev.porthoster.js;

import dev.porthoster.api.spi.HandlerLoadException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a handler may import, and the only way its code is read from disk. One instance serves one load of one handler
 * (its entry file and everything it imports); both engines use it, so the rules cannot drift between them.
 *
 * <p>A file is read only when all of these hold, checked in this order and <em>before</em> it is opened:
 * <ol>
 *   <li>the specifier is relative ({@code ./}, {@code ../}) or absolute, or one of the {@code node:} built-ins;</li>
 *   <li>the path, as written, lies inside the content root and has no component starting with {@code _} or
 *       {@code .} (the handler's own file may start with {@code _}: dev mode serves such handlers);</li>
 *   <li>its real path (every symbolic link followed) lies inside the content root's real path and has no such
 *       component either, so a link cannot lead outside the root or into an ignored folder;</li>
 *   <li>it is a regular file: a FIFO, a device or a folder is never opened (opening a FIFO blocks until a writer
 *       comes);</li>
 *   <li>it is at most {@link #MAX_MODULE_BYTES}, and the handler's files together at most {@link #MAX_TOTAL_BYTES}.</li>
 * </ol>
 * The read itself runs on a helper thread and is given {@link #READ_TIMEOUT}: a read that does not finish (a slow
 * or hung file system, a file swapped for a FIFO after the checks) fails with a reason instead of blocking the
 * handler's event loop. Text is decoded as UTF-8, malformed bytes becoming U+FFFD as in Node.
 *
 * <p>Every refusal is a {@link HandlerLoadException} naming the importing file and line where known, what was
 * refused and why.
 */
public final class ModuleRules {

    /** The largest file a handler or one of its modules may be: code, not data. */
    public static final long MAX_MODULE_BYTES = 2L << 20;
    /** The most all files of one handler (its own and every module it imports) may add up to. */
    public static final long MAX_TOTAL_BYTES = 8L << 20;
    /** How long one file's read may take before the load fails. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    /** The built-in modules, by specifier: thin views of the globals the shared prelude defines. */
    private static final Map<String, String> BUILTINS = Map.ofEntries(
            Map.entry("node:assert", preludeModule("assert", "ok", "equal", "notEqual", "strictEqual", "notStrictEqual",
                    "deepEqual", "notDeepEqual", "deepStrictEqual", "notDeepStrictEqual", "throws", "doesNotThrow",
                    "rejects", "doesNotReject", "match", "doesNotMatch", "fail", "ifError", "strict", "AssertionError")),
            Map.entry("node:assert/strict", preludeModule("assert/strict", "ok", "equal", "notEqual", "strictEqual",
                    "notStrictEqual", "deepEqual", "notDeepEqual", "deepStrictEqual", "notDeepStrictEqual", "throws",
                    "doesNotThrow", "rejects", "doesNotReject", "match", "doesNotMatch", "fail", "ifError", "strict",
                    "AssertionError")),
            Map.entry("node:buffer", preludeModule("buffer", "Buffer", "atob", "btoa", "kMaxLength", "kStringMaxLength",
                    "INSPECT_MAX_BYTES", "constants", "isUtf8", "isAscii")),
            Map.entry("node:crypto", preludeModule("crypto", "createHash", "createHmac", "hash", "getHashes",
                    "timingSafeEqual", "webcrypto", "randomBytes", "randomUUID", "randomInt", "randomFill",
                    "randomFillSync", "getRandomValues")),
            Map.entry("node:events", preludeModule("events", "EventEmitter", "once", "on", "errorMonitor",
                    "captureRejectionSymbol", "captureRejections", "getEventListeners", "listenerCount", "getMaxListeners",
                    "setMaxListeners", "defaultMaxListeners", "addAbortListener", "init")),
            Map.entry("node:net", preludeModule("net", "connect", "createConnection", "Socket", "Stream",
                    "createServer", "Server", "isIP", "isIPv4", "isIPv6")),
            Map.entry("node:stream", preludeModule("stream", "Stream", "Readable", "Writable", "Duplex", "Transform",
                    "PassThrough", "pipeline", "finished", "addAbortSignal", "promises", "isReadable", "isErrored",
                    "isWritable", "isDestroyed", "isDisturbed", "destroy", "getDefaultHighWaterMark",
                    "setDefaultHighWaterMark")),
            Map.entry("node:stream/promises", preludeModule("stream/promises", "pipeline", "finished")),
            Map.entry("node:string_decoder", preludeModule("string_decoder", "StringDecoder")),
            Map.entry("node:timers", preludeModule("timers", "setTimeout", "clearTimeout", "setInterval", "clearInterval",
                    "setImmediate", "clearImmediate", "promises")),
            Map.entry("node:timers/promises", preludeModule("timers/promises", "setTimeout", "setImmediate",
                    "setInterval", "scheduler")),
            Map.entry("node:url", preludeModule("url", "URL", "URLSearchParams")),
            Map.entry("node:util", preludeModule("util", "format", "inspect", "promisify", "callbackify", "inherits",
                    "deprecate", "isDeepStrictEqual", "types", "TextEncoder", "TextDecoder", "debuglog", "debug",
                    "stripVTControlCharacters", "formatWithOptions", "toUSVString", "aborted", "isArray", "isBoolean",
                    "isBuffer", "isDate", "isError", "isFunction", "isNull", "isNullOrUndefined", "isNumber", "isObject",
                    "isPrimitive", "isRegExp", "isString", "isSymbol", "isUndefined")));
    private static final List<String> BUILTIN_NAMES = BUILTINS.keySet().stream().sorted().toList();

    /** Node modules handler code reaches for that a handler does not get, and why (said at load and by check). */
    private static final Map<String, String> NOT_OFFERED = Map.ofEntries(
            Map.entry("fs", "a handler has no file system: its own code is read at load, data belongs in ctx.shared"),
            Map.entry("fs/promises", "a handler has no file system: its own code is read at load, data belongs in ctx.shared"),
            Map.entry("child_process", "a handler cannot start processes: it runs sandboxed on the broker's event loop"),
            Map.entry("worker_threads", "a handler runs on one event loop and cannot start threads"),
            Map.entry("cluster", "the broker owns the listening sockets; a handler cannot fork"),
            Map.entry("http", "a handler serves a raw TCP or UDP port: parse HTTP on conn yourself (examples/lib/http.js)"),
            Map.entry("https", "a handler serves a raw TCP or UDP port, and TLS is not offered"),
            Map.entry("http2", "a handler serves a raw TCP or UDP port: parse the protocol on conn yourself"),
            Map.entry("dgram", "the broker owns the sockets: answer datagrams with ctx.reply, and send to the "
                    + "manifest's connect destinations with ctx.udp.send"),
            Map.entry("tls", "TLS is not offered to handlers"),
            Map.entry("os", "a handler sees nothing of the host machine"),
            Map.entry("vm", "a handler cannot compile code at run time"),
            Map.entry("process", "a handler has no process object: it shares the broker's JVM with other handlers"));

    /**
     * A built-in the prelude keeps in its table of modules (a symbol-keyed property of its EventEmitter, so it adds
     * no global): the module's default export is that object, each name a named export.
     */
    private static String preludeModule(String name, String... exports) {
        StringBuilder text = new StringBuilder("const M = globalThis.__porthoster_EventEmitter[Symbol.for('porthoster.modules')]['")
                .append(name).append("'];\n");
        for (String export : exports) {
            text.append("export const ").append(export).append(" = M.").append(export).append(";\n");
        }
        return text.append("export default M;\n").toString();
    }

    /** The bounds one handler's files are read within; tests shrink them. */
    record Limits(long moduleBytes, long totalBytes, Duration readTimeout) {
        static final Limits DEFAULTS = new Limits(MAX_MODULE_BYTES, MAX_TOTAL_BYTES, READ_TIMEOUT);
    }

    private final Path root;
    private final Path entryFile;
    private final Limits limits;
    private final BoundedRead reader;
    /** Every file read so far (its real location, taken under the content root) and its size, in order. */
    private final Map<Path, Long> read = new LinkedHashMap<>();
    private long total;

    /**
     * @param root      the content root
     * @param entryFile the handler's own file, inside {@code root}
     */
    public ModuleRules(Path root, Path entryFile) {
        this(root, entryFile, Limits.DEFAULTS, BoundedRead.FILES);
    }

    ModuleRules(Path root, Path entryFile, Limits limits, BoundedRead.Opener opener) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.entryFile = Objects.requireNonNull(entryFile, "entryFile").toAbsolutePath().normalize();
        this.limits = Objects.requireNonNull(limits, "limits");
        this.reader = new BoundedRead(opener, limits.readTimeout());
    }

    /** The specifiers of the built-in modules, sorted: {@code node:assert} ... {@code node:util}. */
    public static List<String> builtinNames() {
        return BUILTIN_NAMES;
    }

    /** The built-in module {@code specifier} names ({@code node:util} or just {@code util}), if it is one. */
    public static Optional<ModuleSource> builtin(String specifier) {
        // as in Node, 'buffer' is 'node:buffer': one module under its node: name
        String name = specifier.startsWith("node:") ? specifier : "node:" + specifier;
        return Optional.ofNullable(BUILTINS.get(name)).map(text -> new ModuleSource(name, Optional.empty(), text));
    }

    /** Reads the handler's own file under the same checks as an import. */
    public ModuleSource entry() throws HandlerLoadException {
        try {
            return load(entryFile);
        } catch (Refused r) {
            throw new HandlerLoadException(entryFile, 0, "the handler file " + r.what);
        }
    }

    /**
     * Resolves and reads {@code specifier}, as written on {@code line} of {@code importer} (a file this instance
     * read). Relative specifiers resolve against the importer's real location, as Node does.
     */
    public ModuleSource resolve(Path importer, int line, String specifier) throws HandlerLoadException {
        if (specifier.startsWith("node:")) {
            return builtin(specifier).orElseThrow(() -> new HandlerLoadException(importer, line,
                    unknownBuiltin(specifier)));
        }
        if (!isPath(specifier)) {
            return builtin(specifier).orElseThrow(() -> new HandlerLoadException(importer, line, bare(specifier)));
        }
        Path requested = importer.toAbsolutePath().getParent().resolve(specifier).normalize();
        try {
            return load(requested);
        } catch (Refused r) {
            throw new HandlerLoadException(importer, line, "cannot import '" + specifier + "': " + r.what);
        }
    }

    /**
     * Reads a module the engine resolved to {@code requested} itself (GraalJS resolves specifiers before it reads).
     * A refusal names the file and line that import it when one of the files read so far does so literally.
     */
    public ModuleSource read(Path requested) throws HandlerLoadException {
        Path path = requested.toAbsolutePath().normalize();
        try {
            return load(path);
        } catch (Refused r) {
            throw refusedImport(r.what, path);
        }
    }

    /**
     * The real path of {@code requested} if it may be read (every check but the read itself), for an engine that
     * asks before it reads.
     */
    public Path realPath(Path requested) throws HandlerLoadException {
        Path path = requested.toAbsolutePath().normalize();
        try {
            return check(path).underRoot();
        } catch (Refused r) {
            throw refusedImport(r.what, path);
        }
    }

    /**
     * The refusal of a specifier an engine cannot resolve to a file: a package name ({@code lodash}) or an unknown
     * built-in ({@code node:fs}), located in the files read so far.
     */
    public HandlerLoadException refuseSpecifier(String specifier) {
        String why = specifier.startsWith("node:") ? unknownBuiltin(specifier) : bare(specifier);
        return locate(site -> site.specifier().equals(specifier))
                .map(site -> new HandlerLoadException(site.file(), site.line(), why))
                .orElseGet(() -> new HandlerLoadException(entryFile, 0, why));
    }

    /** Whether {@code specifier} names a file (relative or absolute) rather than a package or a built-in. */
    public static boolean isPath(String specifier) {
        return specifier.startsWith("./") || specifier.startsWith("../") || specifier.startsWith("/");
    }

    /** The files read so far (real locations, under the content root), the handler's own included: what a reload watches. */
    public synchronized Set<Path> filesRead() {
        return Set.copyOf(read.keySet());
    }

    private static String bare(String specifier) {
        if (NOT_OFFERED.containsKey(specifier)) {
            return unknownBuiltin(specifier);
        }
        return "cannot import '" + specifier + "': handlers import files by relative path ('./lib/x.js') or "
                + listed(BUILTIN_NAMES) + "; there are no packages";
    }

    private static String listed(List<String> names) {
        return names.size() < 2 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String unknownBuiltin(String specifier) {
        String why = NOT_OFFERED.get(specifier.startsWith("node:") ? specifier.substring("node:".length()) : specifier);
        return "cannot import '" + specifier + "': it is not available to handlers"
                + (why == null ? "" : " (" + why + ")") + "; the built-in modules are " + listed(BUILTIN_NAMES);
    }

    /** A refusal of a path the engine resolved, at the first import in the files read so far that names it. */
    private HandlerLoadException refusedImport(String what, Path requested) {
        return locate(site -> isPath(site.specifier())
                        && site.file().getParent().resolve(site.specifier()).normalize().equals(requested))
                .map(site -> new HandlerLoadException(site.file(), site.line(),
                        "cannot import '" + site.specifier() + "': " + what))
                .orElseGet(() -> new HandlerLoadException(entryFile, 0, "cannot import " + requested + ": " + what));
    }

    private Optional<ImportSites.Site> locate(Predicate<ImportSites.Site> matches) {
        List<Path> files;
        synchronized (this) {
            files = List.copyOf(read.keySet());
        }
        return ImportSites.find(files, file -> {
            try {
                return decode(reader.read(file, limits.moduleBytes()));
            } catch (IOException e) {
                return "";
            }
        }, matches);
    }

    /** A file that may not be read, and why (the subject is the file: "lib/x.js is a FIFO ..."). */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final String what;

        Refused(String what) {
            super(what, null, false, false);
            this.what = what;
        }
    }

    /** A file that may be read: its real path (read), its path under the root (its identity) and its size. */
    private record Checked(Path real, Path underRoot, String shown, long size) { }

    private ModuleSource load(Path path) throws Refused {
        Checked c = check(path);
        synchronized (this) {
            if (!read.containsKey(c.underRoot()) && total + c.size() > limits.totalBytes()) {
                throw new Refused(c.shown() + " would bring the handler's files to " + Sizes.show(total + c.size())
                        + ", over the " + Sizes.show(limits.totalBytes()) + " limit for one handler; keep data out "
                        + "of handler code");
            }
        }
        byte[] bytes;
        try {
            bytes = reader.read(c.real(), limits.moduleBytes() + 1);
        } catch (BoundedRead.TimedOut e) {
            throw new Refused("reading " + c.shown() + " did not finish within " + Sizes.show(limits.readTimeout())
                    + " (a slow or hung file system?); nothing was loaded from it");
        } catch (IOException e) {
            throw new Refused("cannot read " + c.shown() + ": " + e.getMessage());
        }
        if (bytes.length > limits.moduleBytes()) {
            throw tooLarge(c.shown(), bytes.length);
        }
        synchronized (this) {
            if (read.put(c.underRoot(), (long) bytes.length) == null) {
                total += bytes.length;
            }
        }
        return new ModuleSource(c.underRoot().toString(), Optional.of(c.underRoot()), decode(bytes));
    }

    private Checked check(Path requested) throws Refused {
        Path path = underRoot(requested);
        boolean isEntry = path.equals(entryFile);
        if (!path.startsWith(root)) {
            throw new Refused(path + " is outside the content root; handlers may import only files inside "
                    + root.getFileName());
        }
        String shown = shown(root.relativize(path));
        if (!isEntry && ignored(root.relativize(path))) {
            throw new Refused(shown + " has a path component starting with '_' or '.', and such paths are never "
                    + "served; rename it to import it");
        }
        Path real;
        Path realRoot;
        try {
            realRoot = root.toRealPath();
            real = path.toRealPath();
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new Refused("there is no file " + shown + " in the content root");
        } catch (IOException e) {
            throw new Refused("cannot resolve " + shown + ": " + e.getMessage());
        }
        if (!real.startsWith(realRoot)) {
            throw new Refused(shown + " leads through a symbolic link to " + real + ", outside the content root; "
                    + "handlers may import only files inside " + root.getFileName());
        }
        if (!isEntry && !real.equals(path) && ignored(realRoot.relativize(real))) {
            throw new Refused(shown + " leads through a symbolic link to " + shown(realRoot.relativize(real))
                    + ", and paths with a component starting with '_' or '.' are never served");
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new Refused("cannot read " + shown + ": " + e.getMessage());
        }
        if (attributes.isDirectory()) {
            throw new Refused(shown + " is a folder; import a file in it by its full name, such as " + shown
                    + "/index.js");
        }
        if (!attributes.isRegularFile()) {
            throw new Refused(shown + " is a FIFO, a device or another special file; handlers import regular files "
                    + "only (it was not opened)");
        }
        if (attributes.size() > limits.moduleBytes()) {
            throw tooLarge(shown, attributes.size());
        }
        return new Checked(real, root.resolve(realRoot.relativize(real)), shown, attributes.size());
    }

    /**
     * A path as reached through the content root. When the root is itself reached through a symbolic link (a deploy
     * folder's {@code current}, or {@code /srv} linked elsewhere), an engine hands back paths it got from
     * {@link #realPath}; they are taken under the root again, so the files a reload watches follow the root when its
     * link is swapped.
     */
    private Path underRoot(Path path) {
        if (path.startsWith(root)) {
            return path;
        }
        try {
            Path realRoot = root.toRealPath();
            return path.startsWith(realRoot) ? root.resolve(realRoot.relativize(path)) : path;
        } catch (IOException e) {
            return path;
        }
    }

    private Refused tooLarge(String shown, long size) {
        return new Refused(shown + " is " + Sizes.show(size) + ", over the " + Sizes.show(limits.moduleBytes())
                + " limit for one module; it was not read (split the code, and keep data out of handler code)");
    }

    private static boolean ignored(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith("_") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String shown(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not fail", e);
        }
    }
}
