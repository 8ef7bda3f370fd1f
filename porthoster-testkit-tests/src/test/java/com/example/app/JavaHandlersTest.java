package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.Conn;
import dev.porthoster.api.PortSpec;
import dev.porthoster.api.Protocol;
import dev.porthoster.api.SharedStore;
import dev.porthoster.api.TcpHandler;
import dev.porthoster.api.UdpHandler;
import dev.porthoster.core.Broker;
import dev.porthoster.core.BrokerEvent;
import dev.porthoster.core.HandlerStatus;
import dev.porthoster.core.manifest.ManifestParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application registers Java handlers next to the content root's JavaScript files, shares typed values with the
 * scripts through {@code ctx.shared}, and follows the broker through its events, as docs/embedding.md shows.
 */
class JavaHandlersTest {

    @TempDir
    Path folder;

    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 32768);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket d = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free loopback port in 20000-32767");
    }

    private static String line(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    void aJavaHandlerServesBesideAScriptAndReadsWhatTheScriptStored() throws Exception {
        int jsPort = freePort();
        int javaPort = freePort();
        Files.writeString(folder.resolve("visits.tcp." + jsPort + ".port.js"), """
                export async function handle(conn, ctx) {
                  const n = await ctx.shared.increment('visits', 1);
                  await ctx.shared.set('last', { n, who: conn.remoteAddress, tags: ['a', 1.5, null], raw: Buffer.from([1, 2]) });
                  conn.end(`visit ${n}\\n`);
                }
                """);
        TcpHandler last = (conn, ctx) -> {
            ctx.shared().get("last").thenAcceptAsync(value -> {
                Map<?, ?> m = (Map<?, ?>) value.orElseThrow();
                List<?> tags = (List<?>) m.get("tags");
                String text = "last n=" + m.get("n") + " (" + m.get("n").getClass().getSimpleName() + ") who="
                        + m.get("who") + " tags=" + tags.get(0) + "," + tags.get(1) + "," + (tags.get(2) == SharedStore.NULL)
                        + " raw=" + ((byte[]) m.get("raw")).length + " bytes\n";
                conn.write(text.getBytes(StandardCharsets.UTF_8));
                conn.end();
            }, ctx);
            return Conn.Listener.IGNORE;
        };
        try (Broker broker = Broker.builder(folder).engine("graal")
                .handler(new PortSpec("last", Protocol.TCP, javaPort), last)
                .build().start()) {
            assertEquals(2, broker.status().stream().filter(HandlerStatus.Serving.class::isInstance).count(),
                    broker.status().toString());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), jsPort)) {
                s.setSoTimeout(5000);
                assertEquals("visit 1", line(s));
            }
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), javaPort)) {
                s.setSoTimeout(5000);
                assertEquals("last n=1 (Long) who=127.0.0.1 tags=a,1.5,true raw=2 bytes", line(s));
            }
            assertEquals(Optional.of(1L), broker.shared().get("visits").toCompletableFuture().get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aScriptReadsWhatJavaStoredAndAJavaSubscriberGetsTypedMessages() throws Exception {
        int jsPort = freePort();
        Files.writeString(folder.resolve("read.tcp." + jsPort + ".port.js"), """
                export async function handle(conn, ctx) {
                  const v = await ctx.shared.get('config');
                  await ctx.shared.publish('seen', { greeting: v.greeting, size: v.limits.size });
                  conn.end(`${v.greeting} ${typeof v.limits.size} ${v.limits.size} ${v.flag} ${v.none}\\n`);
                }
                """);
        try (Broker broker = Broker.builder(folder).engine("graal").build().start()) {
            BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
            Runnable unsubscribe = broker.shared().subscribe("seen", seen::add);
            broker.shared().set("config", Map.of("greeting", "hej", "limits", Map.of("size", 12), "flag", true,
                    "none", SharedStore.NULL)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), jsPort)) {
                s.setSoTimeout(5000);
                assertEquals("hej number 12 true null", line(s));
            }
            assertEquals(Map.of("greeting", "hej", "size", 12L), seen.poll(5, TimeUnit.SECONDS));
            unsubscribe.run();
        }
    }

    @Test
    void listenersHearRefusalsAndHandlersComingAndGoing() throws Exception {
        int javaPort = freePort();
        int udpPort = freePort();
        Files.writeString(folder.resolve("broken.tcp." + freePort() + ".port.js"), "export function handle( {\n");
        BlockingQueue<BrokerEvent> events = new LinkedBlockingQueue<>();
        TcpHandler hello = (conn, ctx) -> {
            conn.write("hi\n".getBytes(StandardCharsets.UTF_8));
            conn.end();
            return Conn.Listener.IGNORE;
        };
        UdpHandler pong = (msg, from, ctx) -> ctx.reply(("pong " + new String(msg, StandardCharsets.UTF_8)
                + " from " + from.family()).getBytes(StandardCharsets.UTF_8), from.address());
        Path manifest = Files.writeString(folder.resolve("_only-ten.json"), "{\"allow\": [\"10.0.0.0/8\"]}");
        try (Broker broker = Broker.builder(folder).engine("graal")
                .handler(new PortSpec("hello", Protocol.TCP, javaPort), hello, ManifestParser.parse(manifest))
                .handler(new PortSpec("pong", Protocol.UDP, udpPort), pong)
                .listener(events::add)
                .build().start()) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), javaPort)) {
                s.setSoTimeout(5000);
                assertEquals(-1, s.getInputStream().read(), "screening reset the connection from 127.0.0.1");
            } catch (java.net.SocketException reset) {
                // a reset may surface as an exception instead
            }
            try (DatagramSocket d = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                d.setSoTimeout(5000);
                byte[] out = "ping".getBytes(StandardCharsets.UTF_8);
                d.send(new DatagramPacket(out, out.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), udpPort)));
                DatagramPacket in = new DatagramPacket(new byte[100], 100);
                d.receive(in);
                assertEquals("pong ping from IPv4", new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8));
            }
            BrokerEvent.ConnectionRefused refused = next(events, BrokerEvent.ConnectionRefused.class);
            assertEquals(javaPort, refused.spec().port());
            assertEquals("not_allowed", refused.reason());
            assertTrue(next(events, BrokerEvent.HandlerRefused.class).reason().startsWith("broken.tcp."));
        }
        assertEquals(2, events.stream().filter(BrokerEvent.HandlerStopped.class::isInstance).count(), events.toString());
    }

    @SuppressWarnings("unchecked")
    private static <E extends BrokerEvent> E next(BlockingQueue<BrokerEvent> events, Class<E> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (BrokerEvent e : List.copyOf(events)) {
            if (type.isInstance(e)) {
                return (E) e;
            }
        }
        while (System.nanoTime() < deadline) {
            BrokerEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return (E) e;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " among " + events);
    }

    @Test
    void aJavaHandlerRelaysToARealBackendThroughCtxConnect() throws Exception {
        int relayPort = freePort();
        try (ServerSocket backend = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = backend.accept()) {
                    s.getOutputStream().write("backend says hi\n".getBytes(StandardCharsets.UTF_8));
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException closed) {
                    // the test is over
                }
            });
            var rules = dev.porthoster.core.manifest.Manifest.defaults().withConnect(List.of(
                    dev.porthoster.core.manifest.Destination.parse("127.0.0.1:" + backend.getLocalPort()).orElseThrow()));
            TcpHandler relay = com.example.handlers.JavaRelay.to(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), backend.getLocalPort()));
            try (Broker broker = Broker.builder(folder).engine("graal")
                    .handler(new PortSpec("relay", Protocol.TCP, relayPort), relay, rules).build().start();
                 Socket s = new Socket(InetAddress.getLoopbackAddress(), relayPort)) {
                s.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("backend says hi", in.readLine());
                s.getOutputStream().write("echo me\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("echo me", in.readLine());
                HandlerStatus.Serving serving = broker.status().stream().filter(HandlerStatus.Serving.class::isInstance)
                        .map(HandlerStatus.Serving.class::cast).findFirst().orElseThrow();
                assertEquals(1, serving.outbound().connections());
                assertEquals(1, serving.outbound().open());
            }
        }
    }
}
