package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever the broker reads from disk fails closed and is bounded: a manifest that is not a regular file refuses its
 * handler (or keeps the previous version), a FIFO is never opened, a file too large is refused unread, and in every
 * case a neighbour keeps serving. Over real loopback sockets, on both engines where the engine reads the file.
 */
class UnusableFilesFailClosedTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path root;

    private Broker broker;
    private final List<Path> fifos = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        // Should a regression open a FIFO, opening it read-write (which never blocks on Linux) and closing it lets
        // that reader see end-of-file, so the broker can still be closed and the suite ends.
        for (Path fifo : fifos) {
            Files.newByteChannel(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
        }
        if (broker != null) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), broker::close, "closing the broker");
        }
    }

    private Path fifo(Path path) throws Exception {
        fifos.add(CheckCommandTest.mkfifo(path));
        return path;
    }

    private Broker start(String engine) {
        broker = Broker.builder(root).bindAddress(LOOPBACK).engine(engine).build().start();
        return broker;
    }

    private Path write(String name, String content) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private static String greeter(String word) {
        return "export function handle(conn) { conn.end('" + word + "\\n'); }\n";
    }

    /** The first line a client from {@code source} reads, or null when the connection is refused (reset). */
    private static String lineFrom(String source, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            s.connect(new InetSocketAddress(LOOPBACK, port), 5000);
            s.setSoTimeout(5000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (SocketException reset) {
            return null;
        }
    }

    private HandlerStatus.Refused refusalOf(Path file) {
        return broker.status().stream().filter(s -> s instanceof HandlerStatus.Refused r && r.file().equals(file))
                .map(HandlerStatus.Refused.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError(file.getFileName() + " is not refused: " + broker.status()));
    }

    @ParameterizedTest(name = "a manifest that becomes a {0}")
    @ValueSource(strings = {"symlink", "directory", "fifo"})
    void unusableManifestOnReloadKeepsThePreviousRulesAndVersion(String kind) throws Exception {
        int port = FreePorts.next();
        write("svc.tcp." + port + ".port.js", greeter("v1"));
        Path manifest = write("svc.tcp." + port + ".port.json", "{\"deny\": [\"127.0.0.2/32\"]}");
        start("graal");
        assertEquals("v1", lineFrom("127.0.0.1", port));
        assertEquals(null, lineFrom("127.0.0.2", port), "denied by the manifest");

        Files.delete(manifest);
        switch (kind) {
            case "symlink" -> Files.createSymbolicLink(manifest, write("lib/allow-all.json", "{}"));
            case "directory" -> Files.createDirectory(manifest);
            default -> fifo(manifest);
        }
        write("svc.tcp." + port + ".port.js", greeter("v2"));
        assertTimeoutPreemptively(Duration.ofSeconds(30), broker::reload, "a reload never opens a FIFO");

        assertEquals(null, lineFrom("127.0.0.2", port), "the previous rules still deny: never the allow-all defaults");
        assertEquals("v1", lineFrom("127.0.0.1", port), "the previous version keeps serving");
        assertTrue(refusalOf(manifest).reason().endsWith("a manifest must be a regular file (links are not followed); "
                + "the previous version keeps serving"), refusalOf(manifest).reason());
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"graal", "rhino"})
    void manifestThatIsAFifoRefusesItsHandlerAtStartAndANeighbourServes(String engine) throws Exception {
        int piped = FreePorts.next();
        int neighbour = FreePorts.next();
        write("piped.tcp." + piped + ".port.js", greeter("piped"));
        Path manifest = fifo(root.resolve("piped.tcp." + piped + ".port.json"));
        write("next.tcp." + neighbour + ".port.js", greeter("neighbour"));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> start(engine));
        assertThrows(ConnectException.class, () -> new Socket(LOOPBACK, piped).close(), "nothing was opened");
        assertEquals("neighbour", lineFrom("127.0.0.1", neighbour));
        assertTrue(refusalOf(manifest).reason().contains("the manifest is a FIFO or other special file"),
                refusalOf(manifest).reason());
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"graal", "rhino"})
    void handlerThatImportsAFifoIsRefusedPromptlyAndANeighbourServes(String engine) throws Exception {
        int piped = FreePorts.next();
        int neighbour = FreePorts.next();
        Path handler = write("piped.tcp." + piped + ".port.js",
                "import { x } from './lib/pipe.js';\nexport function handle(conn) { conn.end(x); }\n");
        fifo(Files.createDirectories(root.resolve("lib")).resolve("pipe.js"));
        write("next.tcp." + neighbour + ".port.js", greeter("neighbour"));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> start(engine), "loading must never open the FIFO");
        assertThrows(ConnectException.class, () -> new Socket(LOOPBACK, piped).close());
        assertEquals("neighbour", lineFrom("127.0.0.1", neighbour), "the handler on the same loop serves");
        assertEquals("piped.tcp." + piped + ".port.js:1: cannot import './lib/pipe.js': lib/pipe.js is a FIFO, a device "
                + "or another special file; handlers import regular files only (it was not opened); nothing was opened",
                refusalOf(handler).reason());
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"graal", "rhino"})
    void handlerOverTheSizeLimitIsRefusedQuicklyAndANeighbourServes(String engine) throws Exception {
        int huge = FreePorts.next();
        int neighbour = FreePorts.next();
        Path handler = write("huge.tcp." + huge + ".port.js", greeter("huge"));
        try (RandomAccessFile f = new RandomAccessFile(handler.toFile(), "rw")) {
            f.setLength(100L << 20); // 100 MiB, sparse: reading it would take the loop for seconds
        }
        write("next.tcp." + neighbour + ".port.js", greeter("neighbour"));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> start(engine));
        assertThrows(ConnectException.class, () -> new Socket(LOOPBACK, huge).close());
        assertEquals("neighbour", lineFrom("127.0.0.1", neighbour));
        assertEquals("huge.tcp." + huge + ".port.js: the handler file huge.tcp." + huge + ".port.js is 100 MiB, over "
                + "the 2 MiB limit for one module; it was not read (split the code, and keep data out of handler code); "
                + "nothing was opened", refusalOf(handler).reason());
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"graal", "rhino"})
    void importReplacedByAFifoOnReloadKeepsThePreviousVersionWithoutHanging(String engine) throws Exception {
        int port = FreePorts.next();
        Path handler = write("imp.tcp." + port + ".port.js",
                "import { word } from './lib/word.js';\nexport function handle(conn) { conn.end(word + '\\n'); }\n");
        Path imported = write("lib/word.js", "export const word = 'alpha';\n");
        start(engine);
        assertEquals("alpha", lineFrom("127.0.0.1", port));
        Files.delete(imported);
        fifo(imported);
        assertTimeoutPreemptively(Duration.ofSeconds(30), broker::reload, "neither the reload nor the load opens it");
        assertEquals("alpha", lineFrom("127.0.0.1", port), "the previous version keeps serving");
        assertInstanceOf(HandlerStatus.Serving.class, broker.status().get(0));
        assertTrue(refusalOf(handler).reason().contains("lib/word.js is a FIFO"), refusalOf(handler).reason());
        assertTrue(refusalOf(handler).reason().endsWith("the previous version keeps serving"), List.of(
                refusalOf(handler).reason()).toString());
    }
}
