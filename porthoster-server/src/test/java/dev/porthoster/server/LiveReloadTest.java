package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.spi.StoreBackend;
import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerStatus;
import dev.porthoster.core.SharedStores;
import dev.porthoster.core.plan.Plan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reload without dropping the port, over real sockets. */
class LiveReloadTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path root;

    private Broker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static String version(String v) {
        return """
                export function handle(conn) {
                  conn.write('%s\\n');
                  conn.setEncoding('utf8');
                  conn.on('data', (d) => conn.write('%s:' + d));
                }
                """.formatted(v, v);
    }

    /** Writes a file and moves its mtime forward, so a rewrite within the same second is still seen as new content. */
    private Path write(String name, String content) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private Broker start(boolean watch) {
        broker = Broker.builder(root).bindAddress(LOOPBACK).drainTimeout(Duration.ofSeconds(5)).watch(watch).build()
                .start();
        return broker;
    }

    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(int port) throws IOException {
            socket = new Socket(LOOPBACK, port);
            socket.setSoTimeout(5000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        String line() throws IOException {
            return in.readLine();
        }

        String ask(String text) throws IOException {
            out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            return line();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void editedHandlerServesNewConnectionsWhileOldOnesFinishOnTheOldVersion() throws IOException {
        int port = FreePorts.next();
        write("svc.tcp." + port + ".port.js", version("v1"));
        start(false);
        try (Client old = new Client(port)) {
            assertEquals("v1", old.line());
            write("svc.tcp." + port + ".port.js", version("v2"));
            broker.reload();
            try (Client fresh = new Client(port)) {
                assertEquals("v2", fresh.line());
                assertEquals("v2:hi", fresh.ask("hi"));
            }
            assertEquals("v1:still here", old.ask("still here"), "the open connection keeps its version");
        }
    }

    @Test
    void failedReloadGivesFileLineAndConsequenceAsData() throws IOException {
        int port = FreePorts.next();
        Path file = write("svc.tcp." + port + ".port.js", version("v1"));
        start(false);
        write("svc.tcp." + port + ".port.js", "export function handle(conn) {\n  conn.write(;\n}\n");
        broker.reload();
        Plan.Refusal refusal = ((HandlerStatus.Refused) broker.status().get(1)).refusal();
        assertEquals(file, refusal.file());
        assertEquals(2, refusal.line());
        assertTrue(refusal.reason().startsWith("SyntaxError"), refusal.reason());
        assertEquals(new Plan.Consequence.PreviousVersionServes(), refusal.consequence());
    }

    @Test
    void failedReloadIsReportedWithFileAndLineAndTheOldVersionKeepsAnswering() throws IOException {
        int port = FreePorts.next();
        Path file = write("svc.tcp." + port + ".port.js", version("v1"));
        start(false);
        write("svc.tcp." + port + ".port.js", "export function handle(conn) {\n  conn.write(;\n}\n");
        broker.reload();
        List<HandlerStatus> status = broker.status();
        assertInstanceOf(HandlerStatus.Serving.class, status.get(0));
        HandlerStatus.Refused refused = (HandlerStatus.Refused) status.get(1);
        assertEquals(file, refused.file());
        assertTrue(refused.reason().startsWith("svc.tcp." + port + ".port.js:2: SyntaxError"), refused.reason());
        assertTrue(refused.reason().endsWith("the previous version keeps serving"), refused.reason());
        try (Client c = new Client(port)) {
            assertEquals("v1", c.line());
        }
        write("svc.tcp." + port + ".port.js", version("v3"));
        broker.reload();
        assertEquals(1, broker.status().size(), "fixed: the refusal is gone");
        try (Client c = new Client(port)) {
            assertEquals("v3", c.line());
        }
    }

    @Test
    void throwingOpenInTheNewVersionKeepsTheOldOne() throws IOException {
        int port = FreePorts.next();
        write("svc.tcp." + port + ".port.js", version("v1"));
        start(false);
        write("svc.tcp." + port + ".port.js", "export function open() { throw new Error('db down'); }\n" + version("v2"));
        broker.reload();
        assertTrue(broker.status().get(1) instanceof HandlerStatus.Refused r && r.reason().contains("db down"),
                () -> broker.status().toString());
        try (Client c = new Client(port)) {
            assertEquals("v1", c.line());
        }
    }

    @Test
    void newFileOpensItsPortAndRemovedOrUnderscoredFilesCloseTheirs() throws IOException {
        int a = FreePorts.next();
        int b = FreePorts.next();
        write("a.tcp." + a + ".port.js", version("a"));
        start(false);
        assertThrows(ConnectException.class, () -> new Socket(LOOPBACK, b).close());
        Path bFile = write("b.tcp." + b + ".port.js", version("b"));
        broker.reload();
        try (Client c = new Client(b)) {
            assertEquals("b", c.line());
        }
        Files.move(bFile, root.resolve("_b.tcp." + b + ".port.js"));
        Files.delete(root.resolve("a.tcp." + a + ".port.js"));
        broker.reload();
        assertThrows(ConnectException.class, () -> new Socket(LOOPBACK, a).close());
        assertThrows(ConnectException.class, () -> new Socket(LOOPBACK, b).close());
        assertEquals(List.of(), broker.status());
    }

    @Test
    void changedImportReloadsOnlyTheHandlersThatImportIt() throws IOException {
        int importer = FreePorts.next();
        int bystander = FreePorts.next();
        write("lib/word.js", "export const word = 'alpha';\n");
        write("imp.tcp." + importer + ".port.js", """
                import { word } from './lib/word.js';
                let n = 0;
                export function handle(conn) { conn.end(`${word} ${++n}\\n`); }
                """);
        write("other.tcp." + bystander + ".port.js", "let n = 0;\nexport function handle(conn) { conn.end(`other ${++n}\\n`); }\n");
        start(false);
        assertEquals("alpha 1", once(importer));
        assertEquals("other 1", once(bystander));
        write("lib/word.js", "export const word = 'beta';\n");
        broker.reload();
        assertEquals("beta 1", once(importer), "reloaded: new code, fresh module state");
        assertEquals("other 2", once(bystander), "not reloaded: its module state lives on");
    }

    private static String once(int port) throws IOException {
        try (Client c = new Client(port)) {
            return c.line();
        }
    }

    @Test
    void manifestOnlyChangeUpdatesScreeningInPlaceWithoutTouchingOpenConnections() throws IOException {
        int port = FreePorts.next();
        write("svc.tcp." + port + ".port.js", version("v1"));
        start(false);
        try (Client open = new Client(port)) {
            assertEquals("v1", open.line());
            write("svc.tcp." + port + ".port.json", "{\"deny\": [\"127.0.0.1/32\"]}");
            broker.reload();
            try (Socket refused = new Socket(LOOPBACK, port)) {
                refused.setSoTimeout(5000);
                assertEquals(-1, refused.getInputStream().read());
            } catch (SocketException reset) {
                // the reset can arrive before the read
            }
            assertEquals("v1:ok", open.ask("ok"), "the open connection is untouched and still on the same instance");
        }
        assertEquals(Optional.of(1L), Optional.ofNullable(broker.refusals().get("tcp/" + port).get("denied")));
    }

    @Test
    void watcherReloadsAfterASaveWithinASecond() throws IOException, InterruptedException {
        int port = FreePorts.next();
        write("svc.tcp." + port + ".port.js", version("v1"));
        start(true);
        write("svc.tcp." + port + ".port.js", version("v2"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String seen = "v1";
        while (!seen.equals("v2") && System.nanoTime() < deadline) {
            seen = once(port);
        }
        assertEquals("v2", seen, "the watcher picked up the edit");
    }

    @Test
    void reloadUnderContinuousLoadLosesNoRequest() throws Exception {
        int port = FreePorts.next();
        write("svc.tcp." + port + ".port.js", version("v0"));
        start(false);
        AtomicInteger answered = new AtomicInteger();
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 300; i++) {
                try (Client c = new Client(port)) {
                    String greeting = c.line();
                    String answer = c.ask("req" + i);
                    if (greeting.matches("v\\d") && answer.equals(greeting + ":req" + i)) {
                        answered.incrementAndGet();
                    } else {
                        throw new AssertionError("request " + i + " got " + greeting + " / " + answer);
                    }
                } catch (IOException e) {
                    throw new AssertionError("request " + i + " failed: " + e, e);
                }
            }
        });
        for (int v = 1; v <= 5 && !load.isDone(); v++) {
            write("svc.tcp." + port + ".port.js", version("v" + v));
            broker.reload();
        }
        load.get(60, TimeUnit.SECONDS);
        assertEquals(300, answered.get());
    }

    @Test
    void shutdownLetsInFlightWorkFinishAndRunsClose() throws Exception {
        int port = FreePorts.next();
        write("slow.tcp." + port + ".port.js", """
                export function handle(conn) {
                  conn.on('data', () => setTimeout(() => conn.end('done\\n'), 300));
                }
                export async function close(ctx) { await ctx.shared.set('closed', true); }
                """);
        StoreBackend store = SharedStores.inMemory(1 << 20, System::currentTimeMillis);
        broker = Broker.builder(root).bindAddress(LOOPBACK).drainTimeout(Duration.ofSeconds(5)).store(store).build().start();
        try (Client c = new Client(port)) {
            c.out.write("go\n".getBytes(StandardCharsets.UTF_8));
            c.out.flush();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(broker::close);
            assertEquals("done", c.line(), "the request in flight was answered during shutdown");
            closing.get(10, TimeUnit.SECONDS);
        }
        assertThrows(ConnectException.class, () -> new Socket(LOOPBACK, port).close());
        assertEquals(Optional.of("true"), store.get("closed").toCompletableFuture().join(), "close(ctx) ran");
    }

    @Test
    void aSubscriberInOneHandlerReceivesWhatAnotherPublishes() throws IOException {
        int tcp = FreePorts.next();
        int udp = FreePorts.next();
        write("board.tcp." + tcp + ".port.js", """
                export function handle(conn, ctx) {
                  ctx.shared.subscribe('news', (m) => conn.write(`news: ${m.text}\\n`));
                  conn.write('ready\\n');
                }
                """);
        write("feed.udp." + udp + ".port.js", """
                export async function message(msg, rinfo, ctx) {
                  const n = await ctx.shared.publish('news', { text: String(msg) });
                  ctx.reply(`delivered to ${n}`, rinfo);
                }
                """);
        start(false);
        try (Client c = new Client(tcp); DatagramSocket d = new DatagramSocket()) {
            assertEquals("ready", c.line());
            d.setSoTimeout(5000);
            byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
            d.send(new DatagramPacket(text, text.length, new InetSocketAddress(LOOPBACK, udp)));
            DatagramPacket reply = new DatagramPacket(new byte[100], 100);
            d.receive(reply);
            assertEquals("delivered to 1", new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8));
            assertEquals("news: hello", c.line());
        }
    }

    /** The broker's WARNING lines logged while {@code action} runs. */
    private static List<String> warningsDuring(Runnable action) {
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger brokerLog = java.util.logging.Logger.getLogger("dev.porthoster.broker");
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        brokerLog.addHandler(capture);
        try {
            action.run();
        } finally {
            brokerLog.removeHandler(capture);
        }
        return warnings;
    }

    @Test
    void aNewInvalidManifestBesideABrokenEditIsReportedOnceAndTheWorkingVersionKeepsServing() throws IOException {
        int port = FreePorts.next();
        write("svc.tcp." + port + ".port.js", version("v1"));
        start(false);
        write("svc.tcp." + port + ".port.js", "export function handle(conn) {\n  conn.write('x'\n}\n");
        broker.reload(); // a broken edit: refused, v1 keeps serving
        write("svc.tcp." + port + ".port.json", "{\"allow\": [\"10.0.0.0/8\"], \"bogus\": 1}");
        List<String> warnings = warningsDuring(broker::reload);
        assertEquals(1, warnings.size(), () -> "one line, not one per file it affects: " + warnings);
        assertTrue(warnings.get(0).contains("bogus: unknown key"), warnings.get(0));
        try (Client c = new Client(port)) {
            assertEquals("v1", c.line());
        }
    }

    @Test
    void invalidManifestOnReloadKeepsThePreviousRulesAndVersionServing() throws IOException {
        int port = FreePorts.next();
        write("svc.tcp." + port + ".port.js", version("v1"));
        write("svc.tcp." + port + ".port.json", "{\"deny\": [\"203.0.113.0/24\"]}");
        start(false);
        Path manifest = write("svc.tcp." + port + ".port.json", "{\n  \"rate\": {\"perSecond\": 1}\n}");
        List<String> warnings = warningsDuring(broker::reload);
        assertEquals(1, warnings.size(), "one warning line per refused manifest: " + warnings);
        assertInstanceOf(HandlerStatus.Serving.class, broker.status().get(0));
        HandlerStatus.Refused refused = (HandlerStatus.Refused) broker.status().get(1);
        assertEquals(manifest, refused.file());
        assertEquals("svc.tcp." + port + ".port.json:2: rate.perSecond: unknown key; 'rate' may have only burst, global, "
                + "perSource; the previous version keeps serving", refused.reason());
        try (Client c = new Client(port)) {
            assertEquals("v1", c.line());
        }
    }

    @Test
    void devModeServesAndReloadsUnderscoredHandlers() throws IOException {
        int port = FreePorts.next();
        write("_draft.tcp." + port + ".port.js", version("draft1"));
        broker = Broker.builder(root).bindAddress(LOOPBACK).serveUnderscored(true).build().start();
        try (Client c = new Client(port)) {
            assertEquals("draft1", c.line());
        }
        write("_draft.tcp." + port + ".port.js", version("draft2"));
        broker.reload();
        try (Client c = new Client(port)) {
            assertEquals("draft2", c.line());
        }
    }
}
