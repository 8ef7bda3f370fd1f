package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The watchdog's limit comes from the manifest's {@code limits.callback}, else from the broker's default. */
class CallbackLimitTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String SPIN_OR_ECHO = """
            export function handle(conn) {
              conn.on('data', (d) => {
                if (String(d).startsWith('spin')) { while (true) {} }
                conn.write(d);
              });
            }
            """;

    @TempDir
    Path root;

    private Broker broker;
    private LogCapture handlerLog;

    @BeforeEach
    void listen() {
        handlerLog = new LogCapture("dev.porthoster.handler");
    }

    @AfterEach
    void stop() {
        handlerLog.close();
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void aManifestsCallbackLimitStopsARunawayLongBeforeTheBrokersDefault(String engine) throws Exception {
        int port = FreePorts.next();
        Files.writeString(root.resolve("spin.tcp." + port + ".port.js"), SPIN_OR_ECHO);
        Files.writeString(root.resolve("spin.tcp." + port + ".port.json"), "{\"limits\": {\"callback\": \"300ms\"}}");
        broker = Broker.builder(root).bindAddress(LOOPBACK).engine(engine)
                .callbackLimit(Duration.ofSeconds(60)).build().start();
        long started = System.nanoTime();
        assertEquals(-1, spin(port), "the watchdog closes the spinning connection");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMillis < 10_000, "stopped after " + tookMillis + " ms; the broker's default is 60 s");
        assertTrue(handlerLog.messages().stream().anyMatch(l -> l.contains("ran longer than 300 ms")), () -> "log: " + handlerLog.messages());
        assertEquals("still here", echo(port, "still here"), "the port keeps serving");
    }

    @Test
    void theBrokersCallbackLimitAppliesWhereTheManifestSetsNone() throws Exception {
        int port = FreePorts.next();
        Files.writeString(root.resolve("spin.tcp." + port + ".port.js"), SPIN_OR_ECHO);
        broker = Broker.builder(root).bindAddress(LOOPBACK).callbackLimit(Duration.ofMillis(250)).build().start();
        assertEquals(-1, spin(port));
        assertTrue(handlerLog.messages().stream().anyMatch(l -> l.contains("ran longer than 250 ms")), () -> "log: " + handlerLog.messages());
        assertEquals("ok", echo(port, "ok"));
    }

    @Test
    void changedLimitsReloadTheHandler() throws Exception {
        int port = FreePorts.next();
        Path manifest = root.resolve("spin.tcp." + port + ".port.json");
        Files.writeString(root.resolve("spin.tcp." + port + ".port.js"), SPIN_OR_ECHO);
        Files.writeString(manifest, "{\"limits\": {\"callback\": \"60s\"}}");
        broker = Broker.builder(root).bindAddress(LOOPBACK).build().start();
        Files.writeString(manifest, "{\"limits\": {\"callback\": \"200ms\"}}");
        broker.reload();
        assertEquals(-1, spin(port));
        assertTrue(handlerLog.messages().stream().anyMatch(l -> l.contains("ran longer than 200 ms")), () -> "log: " + handlerLog.messages());
    }

    @Test
    void theBuilderRefusesLimitsOutOfRange() {
        Broker.Builder b = Broker.builder(root);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.callbackLimit(Duration.ofMillis(1)));
        assertEquals("callbackLimit must be a duration from 10ms to 60s such as \"200ms\" or \"2s\", got PT0.001S", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.memoryLimit(1024));
        assertEquals(64L << 20, b.build().memoryLimit());
        assertEquals(Duration.ofSeconds(5), b.build().callbackLimit());
    }

    private static int spin(int port) throws IOException {
        try (Socket s = new Socket(LOOPBACK, port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("spin\n".getBytes(StandardCharsets.UTF_8));
            return s.getInputStream().read();
        }
    }

    private static String echo(int port, String text) throws IOException {
        try (Socket s = new Socket(LOOPBACK, port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }
}
