package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a handler logs reaches the broker's log as one escaped, bounded line, whatever the engine. */
class HandlerLogOverLoopbackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path root;

    private Broker broker;
    private LogCapture handlerLog;
    private LogCapture everything;

    @BeforeEach
    void listen() {
        handlerLog = new LogCapture("dev.porthoster.handler");
        everything = new LogCapture("");
    }

    @AfterEach
    void stop() {
        handlerLog.close();
        everything.close();
        if (broker != null) {
            broker.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void aForgedLogLineStaysInsideTheHandlersOwnLine(String engine) throws Exception {
        int port = FreePorts.next();
        Files.writeString(root.resolve("forge.tcp." + port + ".port.js"), """
                export function handle(conn, ctx) {
                  ctx.log('hi\\n2026-11-24 21:40:01.123 INFO  [admin.tcp.1] FORGED\\u001b[2J');
                  for (let i = 0; i < 10000; i++) console.log('flood ' + i);
                  conn.end('done');
                }
                """);
        broker = Broker.builder(root).bindAddress(LOOPBACK).engine(engine).build().start();
        try (Socket s = new Socket(LOOPBACK, port)) {
            s.setSoTimeout(10_000);
            assertEquals("done", new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        String tag = "[forge.tcp." + port + "] ";
        assertEquals(tag + "hi\\n2026-11-24 21:40:01.123 INFO  [admin.tcp.1] FORGED\\x1b[2J", handlerLog.messages().get(0));
        assertTrue(handlerLog.messages().size() >= 500 && handlerLog.messages().size() < 2_000,
                "a burst of 500 and what the bucket refilled while the loop ran, not 10001: " + handlerLog.messages().size());
        assertTrue(handlerLog.messages().stream().allMatch(l -> l.startsWith(tag) && l.indexOf('\n') < 0), () -> "" + handlerLog.messages());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void aStackOverflowClosesOnlyItsConnectionAndIsLoggedAsARangeError(String engine) throws Exception {
        int port = FreePorts.next();
        int echo = FreePorts.next();
        Files.writeString(root.resolve("deep.tcp." + port + ".port.js"), """
                function deep(n) { return deep(n + 1) + 1; }
                export function handle(conn) {
                  conn.on('data', (d) => { if (String(d).startsWith('deep')) deep(0); conn.write('alive\\n'); });
                }
                """);
        Files.writeString(root.resolve("echo.tcp." + echo + ".port.js"), "export function handle(c) { c.write('ok\\n'); }\n");
        broker = Broker.builder(root).bindAddress(LOOPBACK).engine(engine).build().start();
        try (Socket s = new Socket(LOOPBACK, port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("deep\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(-1, s.getInputStream().read(), "the overflowing connection is closed");
        }
        for (int p : new int[] {port, echo}) {
            try (Socket s = new Socket(LOOPBACK, p)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("x\n".getBytes(StandardCharsets.UTF_8));
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
                assertEquals(p == port ? "alive" : "ok", line, "the loop and the broker serve on");
            }
        }
        assertTrue(handlerLog.messages().stream().anyMatch(l -> l.contains("RangeError: Maximum call stack size exceeded")), () -> "" + handlerLog.messages());
        assertTrue(everything.described().stream().noneMatch(l -> l.contains("java.lang.") || l.contains("StackOverflowError")),
                () -> "Java text in the log: " + everything.described());
    }

    @Test
    void theServersFormatterKeepsEveryRecordOnOneLine() {
        LogRecord r = new LogRecord(Level.WARNING, "echo.tcp.7000.port.js: open(ctx) failed: Error: no\n"
                + "2026-11-24 21:40:01.123 INFO  forged\r\u001b[31m");
        r.setInstant(Instant.parse("2026-11-24T21:40:01.123Z"));
        String line = new OneLineFormatter().format(r);
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.endsWith("open(ctx) failed: Error: no\\n2026-11-24 21:40:01.123 INFO  forged\\r\\x1b[31m"
                + System.lineSeparator()), line);
    }
}
