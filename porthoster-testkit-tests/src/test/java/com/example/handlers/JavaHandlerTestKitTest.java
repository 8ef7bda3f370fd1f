package com.example.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.Conn;
import dev.porthoster.api.PortSpec;
import dev.porthoster.api.Protocol;
import dev.porthoster.api.TcpHandler;
import dev.porthoster.api.UdpHandler;
import dev.porthoster.core.manifest.ManifestParser;
import dev.porthoster.testkit.HandlerTestKit;
import dev.porthoster.testkit.TestConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Java handler is tested the way a handler file is: fake screened connections, datagrams and a virtual clock. */
class JavaHandlerTestKitTest {

    @TempDir
    Path dir;

    @Test
    void aJavaTcpHandlerGetsFakeConnectionsTimersAndTheStore() {
        TcpHandler greeter = (conn, ctx) -> {
            ctx.shared().increment("visits", 1).thenAcceptAsync(n -> conn.write(("visit " + n + "\n")
                    .getBytes(StandardCharsets.UTF_8)), ctx);
            return new Conn.Listener() {
                @Override
                public void onData(byte[] bytes) {
                    ctx.schedule(Duration.ofSeconds(2), () -> conn.write(bytes));
                }
            };
        };
        try (HandlerTestKit kit = HandlerTestKit.of(new PortSpec("greeter", Protocol.TCP, 7100), greeter).start()) {
            TestConnection c = kit.connect("203.0.113.7", 40000);
            assertEquals("visit 1\n", c.read());
            c.send("echo");
            assertEquals("", c.read(), "nothing before the timer fires");
            kit.advance(2000);
            assertEquals("echo", c.read());
            assertEquals("visit 2\n", kit.connect("203.0.113.8", 40000).read());
        }
    }

    @Test
    void aJavaHandlersRulesScreenItsConnectionsAndAThrowClosesOnlyThatConnection() throws Exception {
        Path manifest = Files.writeString(dir.resolve("rules.json"), "{\"deny\": [\"198.51.100.0/24\"]}");
        TcpHandler picky = (conn, ctx) -> new Conn.Listener() {
            @Override
            public void onData(byte[] bytes) {
                if (bytes[0] == '!') {
                    throw new IllegalStateException("no shouting");
                }
                conn.write(bytes);
            }
        };
        try (HandlerTestKit kit = HandlerTestKit.of(new PortSpec("picky", Protocol.TCP, 7101), picky)
                .rules(ManifestParser.parse(manifest)).start()) {
            assertTrue(kit.connect("198.51.100.9", 1).wasReset());
            TestConnection loud = kit.connect("203.0.113.1", 1);
            TestConnection calm = kit.connect("203.0.113.2", 1);
            loud.send("!hi");
            assertTrue(loud.isClosed());
            assertEquals("hi", calm.send("hi").read());
            assertEquals(Map.of("denied", 1L), kit.refusals());
            assertTrue(kit.log().stream().anyMatch(l -> l.contains("onData failed") && l.contains("no shouting")),
                    kit.log().toString());
        }
    }

    @Test
    void aJavaUdpHandlerRepliesToTheSender() {
        UdpHandler pong = (msg, from, ctx) -> ctx.reply(("pong " + new String(msg, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8), from.address());
        try (HandlerTestKit kit = HandlerTestKit.of(new PortSpec("pong", Protocol.UDP, 9100), pong).start()) {
            var replies = kit.send("203.0.113.5", 5353, "ping");
            assertEquals(1, replies.size());
            assertEquals("pong ping", replies.get(0).text());
            assertEquals(5353, replies.get(0).to().getPort());
        }
    }

    @Test
    void aJavaHandlerConnectsOutOnlyWhereItsRulesAllow() throws Exception {
        var rules = dev.porthoster.core.manifest.Manifest.defaults().withConnect(java.util.List.of(
                dev.porthoster.core.manifest.Destination.parse("10.0.0.5:7000").orElseThrow()));
        try (HandlerTestKit kit = HandlerTestKit.of(new PortSpec("relay", Protocol.TCP, 4100),
                JavaRelay.to(new java.net.InetSocketAddress("10.0.0.5", 7000))).rules(rules).start()) {
            var backend = kit.peer("10.0.0.5", 7000);
            TestConnection client = kit.connect("203.0.113.7", 40000);
            client.send("ping");
            TestConnection upstream = backend.connection();
            assertEquals("ping", upstream.read());
            upstream.send("pong").end();
            assertEquals("pong", client.read());
            assertTrue(client.handlerEnded());
        }
        try (HandlerTestKit kit = HandlerTestKit.of(new PortSpec("relay", Protocol.TCP, 4100),
                JavaRelay.to(new java.net.InetSocketAddress("10.0.0.6", 7000))).start()) {
            assertEquals("ERR_ACCESS_DENIED connect 10.0.0.6:7000 refused: relay.tcp.4100.port.json has no \"connect\" "
                    + "list, so this handler may send nothing out; add \"10.0.0.6:7000\" to \"connect\" to allow it\n",
                    kit.connect("203.0.113.7", 40000).read());
            assertEquals(Map.of("no_connect_list", 1L), kit.outbound().refused());
        }
        try (HandlerTestKit kit = HandlerTestKit.of(new PortSpec("relay", Protocol.TCP, 4100),
                JavaRelay.to(java.net.InetSocketAddress.createUnresolved("backend.internal", 7000))).rules(rules).start()) {
            assertTrue(kit.connect("203.0.113.7", 40000).read().startsWith("ERR_ACCESS_DENIED connect \"backend.internal\":7000"
                    + " refused: \"backend.internal\" is not an IP address"));
        }
    }
}
