package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handler that keeps memory from short callbacks (a timer holding ever more arrays) is stopped and restarted at its
 * memory budget, named with its figures in the log, while its neighbour keeps answering: on Rhino in this JVM, and on
 * GraalJS in a server started with its JIT, as ./porthoster starts it (GraalJS measures a context's heap only there).
 */
class MemoryBudgetTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

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
        try (ServerProcess server = ServerProcess.start(ServerProcess.graalJit(), "dev", "--engine", "graal",
                root.toString())) {
            Await.until(() -> server.output().contains("over its 24 MiB memory budget"), 90, server::output);
            assertTrue(server.output().contains("with the optimizing JIT"), server.output());
            assertTrue(server.output().contains("[hog.tcp." + hog + "] its code kept at least"), server.output());
            assertEquals("ping", echoOnce());
            assertTrue(server.process().isAlive(), server.output());
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
}
