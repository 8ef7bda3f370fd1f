package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java application embedding a broker over a folder, with core, the GraalJS engine and the Netty transport on the
 * class path (this module has no module descriptor): the same providers are found as on the module path.
 */
class EmbeddedBrokerTest {

    @TempDir
    Path folder;

    /**
     * A free port below the kernel's ephemeral range (32768 and up), so no outgoing connection can take it as its
     * source port before the broker binds it.
     */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(20000, 32768);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free loopback port in 20000-32767");
    }

    @Test
    void anApplicationServesAFolderAndStopsIt() throws IOException {
        int port = freePort();
        Files.writeString(folder.resolve("hello.tcp." + port + ".port.js"),
                "export function handle(conn, ctx) { conn.end(`hello from the app on ${ctx.port}\\n`); }\n");

        Broker broker = Broker.builder(folder)
                .bindAddress(InetAddress.getLoopbackAddress())
                .engine("graal")
                .callbackLimit(Duration.ofSeconds(2))
                .memoryLimit(128L << 20)
                .build()
                .start();
        try {
            assertInstanceOf(HandlerStatus.Serving.class, broker.status().get(0));
            assertEquals(Duration.ofSeconds(2), broker.callbackLimit());
            assertEquals(128L << 20, broker.memoryLimit());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(5000);
                assertEquals("hello from the app on " + port,
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine());
            }
        } finally {
            broker.close();
        }
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                "close() released the port");
    }

    @Test
    void aTestBindsEachHandlerToAnEphemeralPortAndStatusReportsTheRealOne() throws IOException {
        Files.writeString(folder.resolve("hello.tcp.7000.port.js"),
                "export function handle(conn, ctx) { conn.end(`hello from the app on ${ctx.port}\\n`); }\n");
        Files.writeString(folder.resolve("other.tcp.7001.port.js"),
                "export function handle(conn, ctx) { conn.end(`other on ${ctx.port}\\n`); }\n");

        try (Broker broker = Broker.builder(folder).engine("graal").bindPort(spec -> 0).build().start()) {
            HandlerStatus.Serving hello = assertInstanceOf(HandlerStatus.Serving.class, broker.status().get(0));
            HandlerStatus.Serving other = assertInstanceOf(HandlerStatus.Serving.class, broker.status().get(1));
            assertEquals(7000, hello.spec().port(), "the name still says which port the handler is for");
            assertNotEquals(0, hello.address().getPort());
            assertNotEquals(hello.address().getPort(), other.address().getPort());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), hello.address().getPort())) {
                s.setSoTimeout(5000);
                assertEquals("hello from the app on 7000",
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine(),
                        "ctx.port is the port the name declares");
            }
        }
    }
}
