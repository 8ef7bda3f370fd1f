package com.example.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.testkit.HandlerTestKit;
import dev.porthoster.testkit.TestConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stream side of {@code conn} that needs no host operation: {@code readableFlowing}, {@code cork/uncork},
 * {@code pipe}, and {@code for await}. Each handler here ran under Node 20 with real sockets and the same client
 * steps; the expected text is what Node answered.
 */
class ConnStreamTest {

    @TempDir
    Path dir;

    private HandlerTestKit start(String engine, String source) throws IOException {
        Path file = dir.resolve("stream.tcp.7000.port.js");
        Files.writeString(file, source);
        return HandlerTestKit.load(file).engine(engine).start();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void corkedWritesFlowingStateAndPipeBehaveAsInNode(String engine) throws IOException {
        try (HandlerTestKit kit = start(engine, """
                export function handle(conn) {
                  const log = [];
                  log.push('flowing ' + conn.readableFlowing);
                  conn.cork(); conn.write('a'); conn.write('b'); log.push('corked ' + conn.writableCorked); conn.uncork(); log.push('corked ' + conn.writableCorked);
                  conn.pause(); log.push('flowing ' + conn.readableFlowing);
                  const parts = [];
                  const out = { write(c) { parts.push(String(c)); return true; }, end() { conn.end('|' + parts.join(',') + '|' + log.join(';') + '\\n'); } };
                  const ret = conn.pipe(out);
                  log.push('pipe returns dest ' + (ret === out));
                  log.push('flowing ' + conn.readableFlowing);
                }
                """)) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            conn.send("x").send("y").end();
            assertEquals("ab|x,y|flowing null;corked 1;corked 0;flowing false;pipe returns dest true;flowing true\n",
                    conn.read());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void aConnectionPipedToItselfEchoesAndEndsWithThePeer(String engine) throws IOException {
        try (HandlerTestKit kit = start(engine, "export function handle(conn) { conn.pipe(conn); }\n")) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            assertEquals("hello", conn.send("hello").read());
            conn.send("world").end();
            assertEquals("world", conn.read());
            assertTrue(conn.handlerEnded());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal"})
    void forAwaitReadsEachChunkAsABuffer(String engine) throws IOException {
        // Rhino refuses for await at load (docs/engines.md)
        try (HandlerTestKit kit = start(engine, """
                export async function handle(conn) {
                  for await (const c of conn) conn.write(typeof c + ':' + c.toString().toUpperCase() + ';');
                }
                """)) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            conn.send("abc").send("de").end();
            assertEquals("object:ABC;object:DE;", conn.read());
        }
    }
}
