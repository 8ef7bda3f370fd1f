package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker whose JVM runs out of heap anyway is never left alive but deaf: started with the launcher's own JVM
 * options (bin/jvm-options), it exits non-zero at once so its supervisor restarts it.
 */
class OutOfMemoryExitTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path root;

    @Test
    void aJvmOutOfHeapExitsNonZeroInsteadOfServingOnDeaf() throws Exception {
        int echo = FreePorts.next();
        int hog = FreePorts.next();
        Files.writeString(root.resolve("echo.tcp." + echo + ".port.js"), "export function handle(c) { c.end('ok\\n'); }\n");
        Files.writeString(root.resolve("hog.tcp." + hog + ".port.js"), """
                const keep = [];
                export function handle(conn) {
                  for (let i = 0; i < 100000; i++) keep.push(new Array(100000).fill(i));
                }
                """);
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(launcherOptions());
        command.add("-Xmx192m");
        command.addAll(List.of("--module-path", System.getProperty("jdk.module.path"),
                "-m", "dev.porthoster.server/dev.porthoster.server.Main", "dev", root.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (seen) {
                        seen.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            Await.until(() -> text(seen).contains("Watching ") || !p.isAlive(), 60, () -> text(seen));
            assertTrue(text(seen).contains("Watching "), "the server did not start:\n" + text(seen));
            assertEquals("ok", line(echo));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), hog)) {
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after the heap ran out:\n" + text(seen));
            }
            reader.get(10, TimeUnit.SECONDS);
            assertEquals(3, p.exitValue(), "exit status of -XX:+ExitOnOutOfMemoryError; output:\n" + text(seen));
            assertTrue(text(seen).contains("OutOfMemoryError"), text(seen));
        } finally {
            p.destroyForcibly();
        }
    }

    /** The options the porthoster launcher always passes. */
    private static List<String> launcherOptions() throws IOException {
        return Files.readAllLines(Path.of("..", "bin", "jvm-options")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String text(StringBuilder seen) {
        synchronized (seen) {
            return seen.toString();
        }
    }

    private static String line(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }
}
