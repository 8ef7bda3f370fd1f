package com.example.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.testkit.HandlerTestKit;
import dev.porthoster.testkit.TestConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testkit as a handler author uses it: exported API only, on the class path. */
class TestkitBehaviourTest {

    @TempDir
    Path root;

    private Path write(String name, String content) throws IOException {
        Path p = root.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static final String GREETER = "let seen = 0;\nexport function handle(conn) { conn.end(`hi ${++seen}`); }\n";

    @Test
    void deniedSourceIsResetAndNeverReachesTheHandler() throws IOException {
        Path file = write("svc.tcp.7000.port.js", GREETER);
        write("svc.tcp.7000.port.json", "{\"deny\": [\"203.0.113.0/24\"]}");
        try (HandlerTestKit kit = HandlerTestKit.load(file).engine("graal").start()) {
            TestConnection denied = kit.connect("203.0.113.9", 1000);
            assertTrue(denied.wasReset());
            assertEquals("", denied.read());
            assertEquals("hi 1", kit.connect("198.51.100.1", 1000).read(), "the handler saw only the allowed client");
            assertEquals(Map.of("denied", 1L), kit.refusals());
        }
    }

    @Test
    void aHandlerCanBeLoadedAsAnotherCopyToTestWhatOnlyOneCopyDoes() throws IOException {
        Path file = write("svc.tcp.7000.port.js", """
                let ticks = 0;
                export function open(ctx) { if (ctx.instance === 0) setInterval(() => ticks++, 1000); }
                export function handle(conn, ctx) { conn.end(`copy ${ctx.instance} ticked ${ticks}`); }
                """);
        for (String engine : List.of("graal", "rhino")) {
            try (HandlerTestKit first = HandlerTestKit.load(file).engine(engine).start();
                 HandlerTestKit second = HandlerTestKit.load(file).engine(engine).instance(1).start()) {
                first.advance(3000);
                second.advance(3000);
                assertEquals("copy 0 ticked 3", first.connect("198.51.100.1", 1).read(), engine);
                assertEquals("copy 1 ticked 0", second.connect("198.51.100.1", 1).read(), engine);
            }
        }
    }

    @Test
    void rateLimitsFollowTheVirtualClock() throws IOException {
        Path file = write("svc.tcp.7000.port.js", GREETER);
        write("svc.tcp.7000.port.json", "{\"rate\": {\"perSource\": \"1/s\"}}");
        try (HandlerTestKit kit = HandlerTestKit.load(file).engine("graal").start()) {
            assertFalse(kit.connect("198.51.100.1", 1).wasReset());
            assertTrue(kit.connect("198.51.100.1", 2).wasReset(), "over 1/s");
            assertFalse(kit.connect("198.51.100.2", 1).wasReset(), "another source has its own bucket");
            kit.advance(1000);
            assertFalse(kit.connect("198.51.100.1", 3).wasReset(), "a second later the bucket has a token again");
        }
    }

    @Test
    void idleTimeoutClosesOnTheVirtualClock() throws IOException {
        Path file = write("svc.tcp.7000.port.js", "export function handle(conn) { conn.on('data', (d) => conn.write(d)); }\n");
        write("svc.tcp.7000.port.json", "{\"idleTimeout\": \"30s\"}");
        try (HandlerTestKit kit = HandlerTestKit.load(file).engine("graal").start()) {
            TestConnection conn = kit.connect("198.51.100.1", 1);
            kit.advance(20_000);
            conn.send("still here");
            kit.advance(20_000);
            assertFalse(conn.isClosed(), "activity restarted the idle clock");
            kit.advance(10_000);
            assertTrue(conn.isClosed());
        }
    }

    @Test
    void refusedDatagramGetsNoReply() throws IOException {
        Path file = write("ping.udp.9000.port.js", "export function message(m, r, ctx) { ctx.reply('pong', r); }\n");
        write("ping.udp.9000.port.json", "{\"allow\": [\"10.0.0.0/8\"]}");
        try (HandlerTestKit kit = HandlerTestKit.load(file).engine("graal").start()) {
            assertEquals(List.of(), kit.send("192.0.2.1", 53, "ping"));
            assertEquals("pong", kit.send("10.1.2.3", 53, "ping").get(0).text());
        }
    }

    @Test
    void sharedStoreCanBePreloadedAndInspected() throws IOException {
        Path file = write("cfg.tcp.7000.port.js", """
                export async function handle(conn, ctx) {
                  const motd = await ctx.shared.get('motd');
                  await ctx.shared.increment('visits');
                  conn.end(motd.text);
                }
                """);
        try (HandlerTestKit kit = HandlerTestKit.load(file).engine("graal").start()) {
            kit.shared().set("motd", "{\"text\": \"welcome\"}", 0).toCompletableFuture().join();
            assertEquals("welcome", kit.connect("198.51.100.1", 1).read());
            assertEquals(Optional.of("1"), kit.shared().get("visits").toCompletableFuture().join());
        }
    }

    @Test
    void aBrokenHandlerFailsTheTestWithFileAndLine() throws IOException {
        Path file = write("oops.tcp.7000.port.js", "export function handle(conn) {\n  conn.write('x'\n}\n");
        HandlerTestKit.HandlerLoadFailed e = assertThrows(HandlerTestKit.HandlerLoadFailed.class,
                () -> HandlerTestKit.load(file).engine("graal").start());
        assertTrue(e.getMessage().startsWith("oops.tcp.7000.port.js:3: SyntaxError"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAnEntryPointIsRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HandlerTestKit.load(root.resolve("echo.TCP.7000.port.js")));
        assertEquals("echo.TCP.7000.port.js is not an entry point's name: the protocol must be lowercase: 'tcp', not 'TCP'",
                e.getMessage());
    }

    @Test
    void anEngineThatIsNotPresentIsNamedWithTheModuleToAdd() throws IOException {
        Path file = write("svc.tcp.7000.port.js", GREETER);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HandlerTestKit.load(file).engine("quickjs").start());
        assertTrue(e.getMessage().startsWith("no script engine 'quickjs' found; present: graal"), e.getMessage());
    }
}
