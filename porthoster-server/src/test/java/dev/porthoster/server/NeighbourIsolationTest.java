package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A handler that misbehaves costs only itself: an echo beside a spinning, a microtask-flooding, a memory-hungry and
 * a runaway handler answers with p99 under 50 ms on a 2-core machine, each bad handler is named in the log, and the
 * broker is alive afterwards. On both engines, in a server started as ./porthoster starts it (GraalJS with its JIT,
 * which its per-handler memory measurement needs).
 */
class NeighbourIsolationTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void echoKeepsAnsweringWhileNeighboursSpinFloodMicrotasksHoardMemoryAndRunAway(String engine) throws Exception {
        int echo = FreePorts.next();
        Files.writeString(root.resolve("echo.tcp." + echo + ".port.js"), """
                export function handle(conn) { conn.on('data', (d) => conn.write(d)); }
                """);
        int spin = FreePorts.next();
        Files.writeString(root.resolve("spin.tcp." + spin + ".port.js"), """
                export function open() { setTimeout(() => { while (true) {} }, 0); }
                export function handle(conn) {}
                """);
        Files.writeString(root.resolve("spin.tcp." + spin + ".port.json"), "{\"limits\": {\"callback\": \"1s\"}}");
        int microtasks = FreePorts.next();
        Files.writeString(root.resolve("microtasks.tcp." + microtasks + ".port.js"), """
                export function open() { setTimeout(() => { const again = () => queueMicrotask(again); again(); }, 0); }
                export function handle(conn) {}
                """);
        Files.writeString(root.resolve("microtasks.tcp." + microtasks + ".port.json"), "{\"limits\": {\"callback\": \"1s\"}}");
        int hog = FreePorts.next();
        Files.writeString(root.resolve("hog.tcp." + hog + ".port.js"), """
                const keep = [];
                export function open() { setInterval(() => { keep.push(new Array(1 << 16).fill(keep.length)); }, 5); }
                export function handle(conn) {}
                """);
        Files.writeString(root.resolve("hog.tcp." + hog + ".port.json"), "{\"limits\": {\"memory\": \"16MiB\"}}");
        int runaway = FreePorts.next();
        Files.writeString(root.resolve("runaway.tcp." + runaway + ".port.js"), """
                export function handle(conn) { while (true) {} }
                """);
        List<String> jvm = engine.equals("graal") ? ServerProcess.graalJit() : List.of();
        try (ServerProcess server = ServerProcess.start(jvm, "dev", "--engine", engine, root.toString());
             Socket trigger = new Socket(LOOPBACK, runaway)) {
            List<Long> micros = roundTrips(echo, TimeUnit.SECONDS.toNanos(4), 40_000);
            Collections.sort(micros);
            long p99 = micros.get((int) Math.ceil(micros.size() * 0.99) - 1);
            assertTrue(micros.size() >= 50, "only " + micros.size() + " round trips in 4 s");
            assertTrue(p99 < TimeUnit.MILLISECONDS.toMicros(50), "echo p99 " + p99 + " us (max " + micros.getLast()
                    + " us, " + micros.size() + " round trips) beside misbehaving neighbours:\n" + server.output());
            for (String named : List.of(
                    "[spin.tcp." + spin + "] a callback ran longer than 1000 ms",
                    "[microtasks.tcp." + microtasks + "] a callback ran longer than 1000 ms",
                    "[hog.tcp." + hog + "] its code kept at least",
                    "[runaway.tcp." + runaway + "] a callback ran longer than 5000 ms")) {
                Await.until(() -> server.output().contains(named), 60, () -> named + " is not in:\n" + server.output());
            }
            assertTrue(server.process().isAlive(), server.output());
            assertEquals(1, roundTrips(echo, 0, 1).size());
        }
    }

    /** Line round trips to an echo for {@code nanos} (at least one) and at most {@code max}; each in microseconds. */
    private static List<Long> roundTrips(int port, long nanos, int max) throws Exception {
        List<Long> out = new ArrayList<>();
        try (Socket s = new Socket(LOOPBACK, port)) {
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            OutputStream o = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            long end = System.nanoTime() + nanos;
            do {
                long t0 = System.nanoTime();
                o.write(("ping " + out.size() + "\n").getBytes(StandardCharsets.UTF_8));
                o.flush();
                assertEquals("ping " + out.size(), in.readLine());
                out.add((System.nanoTime() - t0) / 1000);
            } while (System.nanoTime() < end && out.size() < max);
        }
        return out;
    }
}
