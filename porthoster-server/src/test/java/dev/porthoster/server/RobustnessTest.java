package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.spi.StoreBackend;
import dev.porthoster.core.Broker;
import dev.porthoster.core.SharedStores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misbehaving handlers and clients do not take the broker's memory or other ports with them. */
class RobustnessTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path root;

    private Broker broker;
    private final StoreBackend store = SharedStores.inMemory(1 << 20, System::currentTimeMillis);

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private Optional<String> awaitKey(String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Optional<String> v = Optional.empty();
        while (v.isEmpty() && System.nanoTime() < deadline) {
            v = store.get(key).toCompletableFuture().join();
            if (v.isEmpty()) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
        return v;
    }

    @Test
    void handlerIgnoringBackpressureIsDestroyedInsteadOfGrowingTheHeap() throws Exception {
        int port = FreePorts.next();
        int echo = FreePorts.next();
        Files.writeString(root.resolve("hog.tcp." + port + ".port.js"), """
                export function handle(conn, ctx) {
                  const chunk = Buffer.alloc(1 << 20);
                  let sent = 0;
                  conn.on('error', (e) => { ctx.shared.increment('errors'); ctx.shared.set('error', e.message); });
                  conn.on('close', () => ctx.shared.set('sentMiB', sent));
                  function pump() {
                    for (let i = 0; i < 8 && !conn.destroyed; i++) { conn.write(chunk); sent++; }
                    if (!conn.destroyed && sent < 512) setImmediate(pump);
                  }
                  pump();
                }
                """);
        Files.writeString(root.resolve("echo.tcp." + echo + ".port.js"), "export function handle(c) { c.write('ok\\n'); }\n");
        broker = Broker.builder(root).bindAddress(LOOPBACK).store(store).build().start();
        try (Socket neverReads = new Socket(LOOPBACK, port)) {
            neverReads.setReceiveBufferSize(4096);
            Optional<String> error = awaitKey("error");
            assertTrue(error.isPresent() && error.get().contains("unsent output passed 16 MiB"), "error: " + error);
            int sent = Integer.parseInt(awaitKey("sentMiB").orElseThrow());
            assertTrue(sent < 64, "destroyed near the bound, not after the handler's 512 MiB: " + sent + " MiB queued");
            assertEquals(Optional.of("1"), store.get("errors").toCompletableFuture().join(),
                    "one 'error' event, as with Node; the writes failing on close are not reported again");
        }
        try (Socket s = new Socket(LOOPBACK, echo)) {
            s.setSoTimeout(5000);
            assertEquals("ok", new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine());
        }
    }

    @Test
    void outputQueuedForClientsThatNeverReadCountsAgainstTheHandlersMemoryBudget() throws Exception {
        int port = FreePorts.next();
        Files.writeString(root.resolve("flood.tcp." + port + ".port.js"), """
                export function handle(conn, ctx) {
                  const chunk = Buffer.alloc(1 << 20);
                  conn.on('error', (e) => ctx.shared.increment(e.message.includes('memory budget') ? 'budget' : 'other'));
                  for (let i = 0; i < 8; i++) conn.write(chunk);
                  ctx.shared.increment('served');
                }
                """);
        Files.writeString(root.resolve("flood.tcp." + port + ".port.json"), "{\"limits\": {\"memory\": \"8MiB\"}}");
        broker = Broker.builder(root).bindAddress(LOOPBACK).store(store).build().start();
        List<Socket> neverRead = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket();
                s.setReceiveBufferSize(4096);
                s.connect(new InetSocketAddress(LOOPBACK, port));
                neverRead.add(s);
            }
            Await.until(() -> "20".equals(store.get("served").toCompletableFuture().join().orElse("")), 30,
                    () -> "served " + store.get("served").toCompletableFuture().join());
            long budgetErrors = Long.parseLong(store.get("budget").toCompletableFuture().join().orElse("0"));
            assertTrue(budgetErrors >= 10, "20 clients x 8 MiB against an 8 MiB budget: only " + budgetErrors
                    + " connections were destroyed for it");
            assertEquals(Optional.empty(), store.get("other").toCompletableFuture().join());
        } finally {
            for (Socket s : neverRead) {
                s.close();
            }
        }
    }

    @Test
    void handlersOnDifferentLoopsNeverLoseASharedIncrement() throws Exception {
        int a = FreePorts.next();
        int b = FreePorts.next();
        String counter = """
                export async function handle(conn, ctx) {
                  const n = await ctx.shared.increment('hits');
                  conn.end(`${n}\\n`);
                }
                """;
        Files.writeString(root.resolve("a.tcp." + a + ".port.js"), counter);
        Files.writeString(root.resolve("b.tcp." + b + ".port.js"), counter);
        broker = Broker.builder(root).bindAddress(LOOPBACK).store(store).build().start();
        CompletableFuture<Void> left = CompletableFuture.runAsync(() -> hammer(a, 200));
        CompletableFuture<Void> right = CompletableFuture.runAsync(() -> hammer(b, 200));
        CompletableFuture.allOf(left, right).get(60, TimeUnit.SECONDS);
        assertEquals(Optional.of("400"), store.get("hits").toCompletableFuture().join());
    }

    private static void hammer(int port, int times) {
        for (int i = 0; i < times; i++) {
            try (Socket s = new Socket(LOOPBACK, port)) {
                s.setSoTimeout(5000);
                String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
                if (line == null || !line.matches("\\d+")) {
                    throw new AssertionError("connection " + i + " to " + port + " got " + line);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}
