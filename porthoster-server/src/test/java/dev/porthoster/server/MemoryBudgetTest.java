package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
 * A handler that keeps memory from short callbacks (a timer holding ever more arrays) is stopped and restarted at its
 * memory budget, named with its figures in the log, while its neighbour keeps answering: on Rhino in this JVM, and on
 * GraalJS in a server started with its JIT, as ./porthoster starts it (GraalJS measures a context's heap only there).
 */
class MemoryBudgetTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path root;

    private int echo;
    private int hog;

    private void writeHandlers() throws IOException {
        echo = FreePorts.next();
        hog = FreePorts.next();
        Files.writeString(root.resolve("echo.tcp." + echo + ".port.js"), """
                export function handle(conn) { conn.on('data', (d) => conn.write(d)); }
                """);
        Files.writeString(root.resolve("hog.tcp." + hog + ".port.js"), """
                const keep = [];
                export function open() {
                  setInterval(() => { keep.push(new Array(1 << 16).fill(keep.length)); }, 5);
                }
                export function handle(conn) { conn.end(`holding ${keep.length}\\n`); }
                """);
        Files.writeString(root.resolve("hog.tcp." + hog + ".port.json"), """
                { "limits": { "memory": "24MiB" } }
                """);
    }

    @Test
    void onRhinoAHandlerOverItsBudgetIsRestartedAndNamedWhileItsNeighbourAnswers() throws Exception {
        writeHandlers();
        try (LogCapture log = new LogCapture();
             Broker broker = Broker.builder(root).bindAddress(LOOPBACK).engine("rhino").build().start()) {
            Await.until(() -> log.has("[hog.tcp." + hog + "]", "over its 24 MiB memory budget"), 60, log::lines);
            assertEquals("ping", echoOnce());
        }
    }

    @Test
    void onGraalJsWithItsJitAHandlerOverItsBudgetIsRestartedAndNamedWhileItsNeighbourAnswers() throws Exception {
        writeHandlers();
        List<String> command = new ArrayList<>(List.of(JAVA));
        for (String option : Files.readAllLines(Path.of("..", "bin", "jvm-options"))) {
            if (!option.isBlank() && !option.startsWith("#")) {
                command.add(option.strip());
            }
        }
        command.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--upgrade-module-path=" + Path.of("target", "jit").toAbsolutePath(),
                "--module-path", System.getProperty("jdk.module.path"),
                "-m", "dev.porthoster.server/dev.porthoster.server.Main", "dev", "--engine", "graal", root.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        CompletableFuture.runAsync(() -> {
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
            Await.until(() -> text(seen).contains("over its 24 MiB memory budget"), 90, () -> List.of(text(seen)));
            assertTrue(text(seen).contains("with the optimizing JIT"), text(seen));
            assertTrue(text(seen).contains("[hog.tcp." + hog + "] its code kept at least"), text(seen));
            assertEquals("ping", echoOnce());
            assertTrue(p.isAlive(), text(seen));
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private String echoOnce() throws IOException {
        try (Socket s = new Socket(LOOPBACK, echo)) {
            s.setSoTimeout(10_000);
            OutputStream o = s.getOutputStream();
            o.write("ping\n".getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static String text(StringBuilder seen) {
        synchronized (seen) {
            return seen.toString();
        }
    }
}
