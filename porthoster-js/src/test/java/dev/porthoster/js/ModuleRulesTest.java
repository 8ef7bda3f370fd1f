package dev.porthoster.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.spi.HandlerLoadException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one module rule both engines use: what a handler may import, and how its files are read. */
class ModuleRulesTest {

    @TempDir
    Path base;

    private Path root;
    private Path outside;
    private Path entry;
    /** Every file the rules opened, in order: proof that a refused file was never opened. */
    private final List<Path> opened = new CopyOnWriteArrayList<>();
    private final BoundedRead.Opener recording = (file, max) -> {
        opened.add(file);
        return BoundedRead.FILES.read(file, max);
    };
    /** Released at the end of each test, so a read made to hang does not outlive it. */
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void layout() throws IOException {
        root = Files.createDirectories(base.resolve("root"));
        outside = Files.createDirectories(base.resolve("elsewhere"));
        entry = write("echo.tcp.7000.port.js", "import { x } from './lib/x.js';\nexport function handle() {}\n");
    }

    @AfterEach
    void releaseHungReads() {
        release.countDown();
    }

    private Path write(String name, String text) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    private ModuleRules rules() {
        return rules(ModuleRules.Limits.DEFAULTS);
    }

    private ModuleRules rules(ModuleRules.Limits limits) {
        return new ModuleRules(root, entry, limits, recording);
    }

    private static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo " + path);
        return path;
    }

    /** Imports {@code specifier} from line 1 of the handler, failing fast if anything blocks. */
    private HandlerLoadException refused(ModuleRules rules, String specifier) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(HandlerLoadException.class, () -> rules.resolve(entry, 1, specifier)));
    }

    @Test
    void aRelativeImportInsideTheRootIsReadAndRemembered() throws Exception {
        Path lib = write("lib/x.js", "export const x = 1;\n");
        ModuleRules rules = rules();
        ModuleSource handler = rules.entry();
        ModuleSource x = rules.resolve(entry, 1, "./lib/x.js");
        assertEquals("export const x = 1;\n", x.text());
        assertEquals(Optional.of(lib.toRealPath()), x.file());
        assertTrue(handler.text().startsWith("import { x }"));
        assertEquals(Set.of(entry.toRealPath(), lib.toRealPath()), rules.filesRead());
    }

    @Test
    void theNodeBuiltinsComeFromMemory() throws Exception {
        assertEquals(List.of("node:assert", "node:assert/strict", "node:buffer", "node:crypto", "node:events", "node:net",
                "node:stream", "node:stream/promises", "node:string_decoder", "node:timers", "node:timers/promises", "node:url", "node:util"),
                ModuleRules.builtinNames());
        ModuleSource events = rules().resolve(entry, 1, "node:events");
        assertTrue(events.builtin());
        assertTrue(events.text().contains("export const EventEmitter = M.EventEmitter;"), events.text());
        assertTrue(ModuleRules.builtin("node:buffer").orElseThrow().text().contains("export const Buffer = M.Buffer;"));
    }

    @Test
    void aPackageNameOrAnUnknownBuiltinIsRefusedWithWhatHandlersCanImport() {
        assertEquals("echo.tcp.7000.port.js:1: cannot import 'lodash': handlers import files by relative path "
                + "('./lib/x.js') or " + BUILTINS + "; there are no packages",
                refused(rules(), "lodash").getMessage());
        assertEquals("echo.tcp.7000.port.js:1: cannot import 'node:zlib': it is not available to handlers; the built-in "
                + "modules are " + BUILTINS, refused(rules(), "node:zlib").getMessage());
    }

    private static final String BUILTINS = "node:assert, node:assert/strict, node:buffer, node:crypto, node:events, node:net, "
            + "node:stream, node:stream/promises, node:string_decoder, node:timers, node:timers/promises, node:url and "
            + "node:util";

    @Test
    void aNodeModuleNamedWithoutItsPrefixIsTheSameBuiltin() throws Exception {
        ModuleSource bare = rules().resolve(entry, 1, "timers/promises");
        assertTrue(bare.builtin());
        assertEquals(rules().resolve(entry, 1, "node:timers/promises"), bare);
    }

    @Test
    void aNodeModuleHandlersDoNotGetIsRefusedWithTheReasonWithOrWithoutItsPrefix() {
        assertEquals("echo.tcp.7000.port.js:1: cannot import 'node:fs': it is not available to handlers (a handler has "
                + "no file system: its own code is read at load, data belongs in ctx.shared); the built-in modules are "
                + BUILTINS, refused(rules(), "node:fs").getMessage());
        assertEquals("echo.tcp.7000.port.js:1: cannot import 'child_process': it is not available to handlers (a handler "
                + "cannot start processes: it runs sandboxed on the broker's event loop); the built-in modules are "
                + BUILTINS, refused(rules(), "child_process").getMessage());
        assertTrue(refused(rules(), "node:worker_threads").getMessage().contains("(a handler runs on one event loop and "
                + "cannot start threads)"));
        assertTrue(refused(rules(), "node:http").getMessage().contains("(a handler serves a raw TCP or UDP port: parse "
                + "HTTP on conn yourself (examples/lib/http.js))"));
    }

    @Test
    void aPathOutsideTheRootIsRefused() {
        HandlerLoadException e = refused(rules(), "../elsewhere/x.js");
        assertEquals(entry, e.file());
        assertEquals(1, e.line().orElseThrow());
        assertEquals("cannot import '../elsewhere/x.js': " + outside.resolve("x.js") + " is outside the content root; "
                + "handlers may import only files inside root", e.reason());
    }

    @Test
    void aSymlinkedFolderLeadingOutsideIsRefusedWithoutOpeningTheFileBehindIt() throws Exception {
        mkfifo(outside.resolve("x.js")); // opening it would hang: proof it is never opened
        Files.createSymbolicLink(root.resolve("lib"), outside);
        HandlerLoadException e = refused(rules(), "./lib/x.js");
        assertEquals("cannot import './lib/x.js': lib/x.js leads through a symbolic link to "
                + outside.toRealPath().resolve("x.js") + ", outside the content root; handlers may import only files "
                + "inside root", e.reason());
        assertEquals(List.of(), opened);
    }

    @Test
    void aSymlinkToAFileOutsideIsRefusedWithoutOpeningIt() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.js"), "export const x = 'leaked';\n");
        Files.createDirectories(root.resolve("lib"));
        Files.createSymbolicLink(root.resolve("lib/x.js"), secret);
        assertTrue(refused(rules(), "./lib/x.js").reason().contains("outside the content root"));
        assertEquals(List.of(), opened);
    }

    @Test
    void aSymlinkIntoAnIgnoredFolderIsRefused() throws Exception {
        Path hidden = write("_private/x.js", "export const x = 'private';\n");
        Files.createDirectories(root.resolve("lib"));
        Files.createSymbolicLink(root.resolve("lib/x.js"), hidden);
        assertEquals("cannot import './lib/x.js': lib/x.js leads through a symbolic link to _private/x.js, and paths "
                + "with a component starting with '_' or '.' are never served", refused(rules(), "./lib/x.js").reason());
        assertEquals(List.of(), opened);
    }

    @Test
    void aSymlinkedFolderInsideTheRootIsFollowed() throws Exception {
        write("shared/lib/x.js", "export const x = 'shared';\n");
        Files.createSymbolicLink(root.resolve("lib"), root.resolve("shared/lib"));
        ModuleSource x = rules().resolve(entry, 1, "./lib/x.js");
        assertEquals("export const x = 'shared';\n", x.text());
        assertEquals(root.resolve("shared/lib/x.js").toRealPath(), x.file().orElseThrow(), "known by its real path");
    }

    @Test
    void underscoreAndDotPathsAreNeverServedButAnUnderscoredHandlerReadsItself() throws Exception {
        write("_secret.js", "export const s = 1;\n");
        write("lib/.hidden/x.js", "export const s = 1;\n");
        assertEquals("cannot import './_secret.js': _secret.js has a path component starting with '_' or '.', and "
                + "such paths are never served; rename it to import it", refused(rules(), "./_secret.js").reason());
        assertTrue(refused(rules(), "./lib/.hidden/x.js").reason().startsWith(
                "cannot import './lib/.hidden/x.js': lib/.hidden/x.js has a path component"));
        Path draft = write("_draft.tcp.7001.port.js", "export function handle() {}\n");
        assertEquals("export function handle() {}\n", new ModuleRules(root, draft).entry().text(), "dev mode");
    }

    @Test
    void aFifoIsRefusedPromptlyAndNeverOpened() throws Exception {
        Files.createDirectories(root.resolve("lib"));
        mkfifo(root.resolve("lib/x.js"));
        assertEquals("cannot import './lib/x.js': lib/x.js is a FIFO, a device or another special file; handlers "
                + "import regular files only (it was not opened)", refused(rules(), "./lib/x.js").reason());
        assertEquals(List.of(), opened);
    }

    @Test
    void aFolderOrAMissingFileIsRefusedWithWhatToImportInstead() throws Exception {
        Files.createDirectories(root.resolve("lib"));
        assertEquals("cannot import './lib': lib is a folder; import a file in it by its full name, such as "
                + "lib/index.js", refused(rules(), "./lib").reason());
        assertEquals("cannot import './lib/nope.js': there is no file lib/nope.js in the content root",
                refused(rules(), "./lib/nope.js").reason());
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedUnread() throws Exception {
        Path big = write("lib/x.js", "");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(100L << 20); // sparse: costs no disk
        }
        assertEquals("cannot import './lib/x.js': lib/x.js is 100 MiB, over the 2 MiB limit for one module; it was "
                + "not read (split the code, and keep data out of handler code)", refused(rules(), "./lib/x.js").reason());
        assertEquals(List.of(), opened);
    }

    @Test
    void theHandlerFileItselfIsBoundToo() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(entry.toFile(), "rw")) {
            f.setLength((2L << 20) + 1);
        }
        HandlerLoadException e = assertThrows(HandlerLoadException.class, () -> rules().entry());
        assertEquals("echo.tcp.7000.port.js: the handler file echo.tcp.7000.port.js is 2.0 MiB, over the 2 MiB limit "
                + "for one module; it was not read (split the code, and keep data out of handler code)", e.getMessage());
    }

    @Test
    void theHandlersFilesTogetherAreBound() throws Exception {
        write("lib/a.js", "a".repeat(60));
        write("lib/b.js", "b".repeat(60));
        ModuleRules rules = rules(new ModuleRules.Limits(100, 150, Duration.ofSeconds(5)));
        rules.entry(); // 60 bytes
        rules.resolve(entry, 1, "./lib/a.js");
        rules.resolve(entry, 1, "./lib/a.js"); // the same file counts once
        assertEquals("cannot import './lib/b.js': lib/b.js would bring the handler's files to 180 bytes, over the 150 "
                + "bytes limit for one handler; keep data out of handler code", refused(rules, "./lib/b.js").reason());
    }

    @Test
    void aFileThatGrowsBetweenTheCheckAndTheReadIsStillBound() throws Exception {
        write("lib/x.js", "small");
        BoundedRead.Opener growing = (file, max) -> new byte[max];
        ModuleRules rules = new ModuleRules(root, entry, new ModuleRules.Limits(100, 1000, Duration.ofSeconds(5)), growing);
        assertTrue(refused(rules, "./lib/x.js").reason().contains("over the 100 bytes limit for one module"));
    }

    @Test
    void aReadThatDoesNotFinishFailsAfterTheTimeoutInsteadOfBlocking() throws Exception {
        write("lib/x.js", "export const x = 1;\n");
        BoundedRead.Opener hung = (file, max) -> {
            try {
                release.await(); // a hung file system: the read never returns on its own
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException("interrupted");
            }
            return new byte[0];
        };
        ModuleRules rules = new ModuleRules(root, entry, new ModuleRules.Limits(1000, 1000, Duration.ofMillis(300)), hung);
        long start = System.nanoTime();
        assertEquals("cannot import './lib/x.js': reading lib/x.js did not finish within 300 ms (a slow or hung file "
                + "system?); nothing was loaded from it", refused(rules, "./lib/x.js").reason());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "bounded by the timeout");
    }

    @Test
    void aPathResolvedByTheEngineIsRefusedAtTheImportThatNamedIt() throws Exception {
        write("lib/a.js", "// helpers\nexport const a = 1;\nexport { b } from \"./b.js\";\n");
        ModuleRules rules = rules();
        rules.entry();
        rules.read(root.resolve("lib/a.js"));
        HandlerLoadException e = assertThrows(HandlerLoadException.class, () -> rules.read(root.resolve("lib/b.js")));
        assertEquals("a.js:3: cannot import './b.js': there is no file lib/b.js in the content root", e.getMessage());
        assertEquals(root.resolve("lib/a.js").toRealPath(), e.file());
        assertEquals("echo.tcp.7000.port.js: cannot import 'lodash': handlers import files by relative path "
                + "('./lib/x.js') or node:assert, node:assert/strict, node:buffer, node:crypto, node:events, node:net, "
                + "node:stream, node:stream/promises, node:string_decoder, node:timers, node:timers/promises, node:url and "
                + "node:util; there are no packages",
                rules.refuseSpecifier("lodash").getMessage(), "imported nowhere literally: the handler is named");
    }

    @Test
    void malformedUtf8BecomesReplacementCharactersAsInNode() throws Exception {
        Path lib = root.resolve("lib/x.js");
        Files.createDirectories(lib.getParent());
        Files.write(lib, new byte[] {'/', '/', ' ', (byte) 0xff, '\n'});
        assertEquals("// \uFFFD\n", rules().resolve(entry, 1, "./lib/x.js").text());
    }
}
