package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code porthoster check}: the plan, every refusal with its reason, and the exit status. */
class CheckCommandTest {

    @TempDir
    Path root;

    private record Result(int status, String out, String err) { }

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void touch(String name, String content) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void cleanFolderPrintsEachEntryPointAndExitsZero() throws IOException {
        touch("echo.tcp.7000.port.js", "export function handle(c) {}\n");
        touch("counter.udp.9000.port.js", "export function message(m, r, ctx) {}\n");
        touch("lib/util.js", "export const x = 1;\n");
        Result r = run("check", root.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("serve   tcp 7000   echo.tcp.7000.port.js"), r.out());
        assertTrue(r.out().contains("serve   udp 9000   counter.udp.9000.port.js"), r.out());
        assertTrue(r.out().contains("2 to serve, 0 refused, 1 supporting file, 0 ignored"), r.out());
    }

    @Test
    void nearMissesAreExplainedAndMakeCheckFail() throws IOException {
        touch("Echo.TCP.7000.port.js", "");
        touch("echo.tcp.70000.port.js", "");
        touch("echo.sctp.7000.port.js", "");
        touch("a.b.tcp.1.port.js", "");
        touch("_draft.tcp.7005.port.js", "");
        Result r = run("check", root.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains("Echo.TCP.7000.port.js: the protocol must be lowercase: 'tcp', not 'TCP'; nothing was opened"), r.out());
        assertTrue(r.out().contains("echo.tcp.70000.port.js: port 70000 is out of range 1–65535; nothing was opened"), r.out());
        assertTrue(r.out().contains("echo.sctp.7000.port.js: unknown protocol 'sctp'; expected tcp or udp"), r.out());
        assertTrue(r.out().contains("a.b.tcp.1.port.js: the name must not contain dots ('a.b')"), r.out());
        assertTrue(r.out().contains("0 to serve, 4 refused, 0 supporting files, 1 ignored"), r.out());
    }

    @Test
    void syntaxErrorIsReportedWithFileAndLine() throws IOException {
        touch("broken.tcp.7000.port.js", "export function handle(conn) {\n  let = = 1;\n}\n");
        Result r = run("check", root.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains("error   broken.tcp.7000.port.js:2: SyntaxError"), r.out());
    }

    @Test
    void jsonGivesTheSamePlanMachineReadably() throws IOException {
        touch("echo.tcp.7000.port.js", "export function handle(c) {}\n");
        touch("echo.tcp.0.port.js", "");
        Result r = run("check", "--json", root.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains("\"protocol\" : \"tcp\""), r.out());
        assertTrue(r.out().contains("\"port\" : 7000"), r.out());
        assertTrue(r.out().contains("port 0 is not a port a client can reach"), r.out());
        assertTrue(r.out().contains("\"ok\" : false"), r.out());
    }

    @Test
    void jsonNamesTheHandlerARefusedManifestKeepsFromServing() throws IOException {
        touch("echo.tcp.7000.port.js", "export function handle(c) {}\n");
        touch("echo.tcp.7000.port.json", "{\"rate\": {\"perSecond\": \"5/s\"}}");
        Result r = run("check", "--json", root.toString());
        assertEquals(1, r.status());
        String json = r.out().replaceAll("\\s+", " ");
        assertTrue(json.contains("\"reason\" : \"rate.perSecond: unknown key; 'rate' may have only burst, global, "
                + "perSource\", \"notServed\" : \"echo.tcp.7000.port.js\""), r.out());
    }

    @Test
    void everyCommandHasHelpAndBadUsageExitsTwo() {
        for (String command : new String[] {"serve", "dev", "check"}) {
            Result r = run(command, "--help");
            assertEquals(0, r.status());
            assertTrue(r.out().startsWith("Usage: porthoster " + command), r.out());
        }
        Result bad = run("serve", "--frobnicate", root.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("unknown option --frobnicate"), bad.err());
        Result missing = run("check");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("missing ROOT"), missing.err());
        Result notDir = run("check", root.resolve("nope").toString());
        assertEquals(2, notDir.status());
        assertTrue(notDir.err().contains("is not a directory"), notDir.err());
    }

    /** A named pipe: opening it for reading blocks until a writer comes, so whoever opens it hangs. */
    static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo " + path);
        return path;
    }

    @Test
    void manifestThatIsASymlinkADirectoryOrAFifoRefusesItsHandlerInCheck() throws Exception {
        touch("linked.tcp.7000.port.js", "export function handle(c) {}\n");
        touch("lib/allow-all.json", "{}");
        Files.createSymbolicLink(root.resolve("linked.tcp.7000.port.json"), root.resolve("lib/allow-all.json"));
        touch("folder.tcp.7001.port.js", "export function handle(c) {}\n");
        Files.createDirectory(root.resolve("folder.tcp.7001.port.json"));
        touch("pipe.tcp.7002.port.js", "export function handle(c) {}\n");
        mkfifo(root.resolve("pipe.tcp.7002.port.json"));
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run("check", root.toString()),
                "check must never open the FIFO");
        assertEquals(1, r.status(), r.out());
        assertFalse(r.out().contains("serve "), "no handler is served with the allow-all defaults:\n" + r.out());
        assertTrue(r.out().contains("linked.tcp.7000.port.json: the manifest is a symbolic link; a manifest must be a "
                + "regular file (links are not followed); so linked.tcp.7000.port.js is not served"), r.out());
        assertTrue(r.out().contains("folder.tcp.7001.port.json: the manifest is a directory"), r.out());
        assertTrue(r.out().contains("pipe.tcp.7002.port.json: the manifest is a FIFO or other special file"), r.out());
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"graal", "rhino"})
    void checkRefusesAnImportedFifoPromptly(String engine) throws Exception {
        touch("pipe.tcp.7000.port.js", "import { x } from './lib/pipe.js';\nexport function handle(c) { c.end(x); }\n");
        Files.createDirectories(root.resolve("lib"));
        mkfifo(root.resolve("lib/pipe.js"));
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run("check", "--engine", engine,
                root.toString()), "a FIFO must never be opened");
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("pipe.tcp.7000.port.js:1: cannot import './lib/pipe.js': lib/pipe.js is a FIFO, a "
                + "device or another special file; handlers import regular files only (it was not opened)"), r.out());
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"graal", "rhino"})
    void checkReportsANodeModuleHandlersDoNotGetWithFileLineAndWhy(String engine) throws Exception {
        touch("files.tcp.7000.port.js", "import { Buffer } from 'node:buffer';\nimport { readFileSync } from 'node:fs';\n"
                + "export function handle(c) { c.end(); }\n");
        Result r = run("check", "--engine", engine, root.toString());
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("files.tcp.7000.port.js:2: cannot import 'node:fs': it is not available to handlers "
                + "(a handler has no file system: its own code is read at load, data belongs in ctx.shared)"), r.out());
    }

    @Test
    void checkOnRhinoListsWhatRunsButNotAsOnNodeWithFileAndLineAndStillPasses() throws Exception {
        touch("cache.tcp.7000.port.js", """
                import { Writable } from 'node:stream';
                import { hits } from './lib/counter.js';
                const cache = new Map();
                export function handle(conn) {
                  const ref = new WeakRef(conn);
                  const wide = new Uint16Array([1]);
                  if (conn instanceof Writable) conn.write('stream\\n');
                  conn.end(`${hits} ${Buffer.from(wide.buffer).toString('hex')}\\n`);
                }
                """);
        touch("lib/counter.js", """
                export let hits = 0;
                export const touch = async () => { hits++; return arguments.length; };
                """);
        Result r = run("check", "--engine", "rhino", root.toString());
        assertEquals(0, r.status(), "differences are reported, not refused: " + r.out());
        assertTrue(r.out().contains("differs cache.tcp.7000.port.js:5: WeakRef: Rhino has no WeakRef"), r.out());
        assertTrue(r.out().contains("differs cache.tcp.7000.port.js:6: Uint16Array: Rhino keeps a Uint16Array's bytes "
                + "big-endian"), r.out());
        assertTrue(r.out().contains("differs cache.tcp.7000.port.js:7: instanceof Writable: Rhino's instanceof ignores "
                + "Symbol.hasInstance"), r.out());
        assertTrue(r.out().contains("differs lib/counter.js:2: exported hits reassigned: on Rhino import { hits } keeps "
                + "the value hits had when it was imported"), r.out());
        assertTrue(r.out().contains("differs lib/counter.js:2: arguments in an async arrow: on Rhino arguments is "
                + "empty"), r.out());
        assertTrue(r.out().contains("1 to serve, 0 refused, 1 supporting file, 0 ignored, 5 differences from Node on "
                + "this engine (docs/engines.md)"), r.out());

        Result graal = run("check", "--engine", "graal", root.toString());
        assertEquals(0, graal.status(), graal.out());
        assertTrue(!graal.out().contains("differs"), "GraalJS runs all of it as Node does: " + graal.out());

        String json = run("check", "--json", "--engine", "rhino", root.toString()).out().replaceAll("\\s+", " ");
        assertTrue(json.contains("\"file\" : \"lib/counter.js\", \"line\" : 2, \"construct\" : \"exported hits "
                + "reassigned\""), json);
    }

    @Test
    void checkOnRhinoRefusesForAwaitWithFileAndLine() throws Exception {
        touch("lines.tcp.7000.port.js", """
                export async function handle(conn) {
                  conn.setEncoding('utf8');
                  for await (const chunk of conn) conn.write(chunk);
                }
                """);
        Result r = run("check", "--engine", "rhino", root.toString());
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("error   lines.tcp.7000.port.js:3: for await is not supported on Rhino"), r.out());
        assertEquals(0, run("check", "--engine", "graal", root.toString()).status());
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"graal", "rhino"})
    void checkRefusesAHandlerFileOverTheSizeLimitWithoutReadingIt(String engine) throws Exception {
        touch("huge.tcp.7000.port.js", "export function handle(c) {}\n");
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("huge.tcp.7000.port.js").toFile(), "rw")) {
            f.setLength(100L << 20); // sparse: 100 MiB that cost no disk
        }
        Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run("check", "--engine", engine,
                root.toString()));
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("huge.tcp.7000.port.js: the handler file huge.tcp.7000.port.js is 100 MiB, over the "
                + "2 MiB limit for one module; it was not read"), r.out());
    }

    @Test
    void aCallbackLimitOutOfRangeIsAUsageError() {
        Result r = run("serve", root.toString(), "--callback-limit", "5m");
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("porthoster serve: --callback-limit takes a duration from 10ms to 60s such as "
                + "\"200ms\" or \"2s\", not '5m'"), r.err());
        assertTrue(run("dev", "--help").out().contains("--callback-limit DURATION"));
    }
}
