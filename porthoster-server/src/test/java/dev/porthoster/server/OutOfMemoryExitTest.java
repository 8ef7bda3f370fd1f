package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker whose JVM runs out of heap anyway is never left alive but deaf: started with the launcher's own JVM
 * options (bin/jvm-options), it exits non-zero at once so its supervisor restarts it.
 */
class OutOfMemoryExitTest {

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
        try (ServerProcess server = ServerProcess.start(List.of("-Xmx192m"), "dev", root.toString())) {
            assertEquals("ok", line(echo));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), hog)) {
                assertTrue(server.exitsWithin(60), "still running after the heap ran out:\n" + server.output());
            }
            assertEquals(3, server.process().exitValue(), "exit status of -XX:+ExitOnOutOfMemoryError; output:\n"
                    + server.output());
            assertTrue(server.output().contains("OutOfMemoryError"), server.output());
        }
    }

    private static String line(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }
}
