package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerStatus;
import dev.porthoster.core.plan.Plan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload of a handler served by several copies replaces every copy beside the old ones without closing the port,
 * also when it changes how many copies serve; the new version serves only once every copy loaded and opened, and a
 * copy that fails keeps the old version serving whole. Real loopback sockets, an embedded broker.
 */
class InstancesReloadTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path root;

    private Broker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static String tcp(String version) {
        return """
                export function handle(conn, ctx) { conn.end('%s ' + ctx.instance + '\\n'); }
                """.formatted(version);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(root.resolve(name), content);
    }

    private Broker start() {
        broker = Broker.builder(root).bindAddress(LOOPBACK).engine("graal").drainTimeout(Duration.ofSeconds(5)).build()
                .start();
        return broker;
    }

    private static String greeting(int port) throws IOException {
        try (Socket s = new Socket(LOOPBACK, port)) {
            s.setSoTimeout(20_000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private HandlerStatus.Serving serving() {
        return (HandlerStatus.Serving) broker.status().getFirst();
    }

    @Test
    void reloadsThatGrowAndShrinkTheCopiesKeepThePortBoundAndRefuseNoConnection() throws Exception {
        int port = FreePorts.next();
        write("svc.tcp." + port + ".port.js", tcp("v1"));
        start();
        assertEquals("v1 0", greeting(port), "one copy is copy 0");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicInteger made = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread client = Thread.ofPlatform().start(() -> {
            while (!stop.get() && made.get() < 100_000) {
                try {
                    String g = greeting(port);
                    if (g == null || !g.matches("v[123] [012]")) {
                        failures.add(String.valueOf(g));
                    } else {
                        seen.add(g);
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                }
                made.incrementAndGet();
            }
        });
        try {
            Await.until(() -> made.get() >= 20, 20, made::get);
            write("svc.tcp." + port + ".port.js", tcp("v2"));
            write("svc.tcp." + port + ".port.json", "{\"instances\": 3}");
            broker.reload();
            Await.until(() -> seen.containsAll(Set.of("v2 0", "v2 1", "v2 2")), 30, () -> seen);
            assertEquals(3, serving().instances());
            write("svc.tcp." + port + ".port.js", tcp("v3"));
            write("svc.tcp." + port + ".port.json", "{\"instances\": 2}");
            broker.reload();
            Await.until(() -> seen.containsAll(Set.of("v3 0", "v3 1")), 30, () -> seen);
            int after = made.get();
            Await.until(() -> made.get() >= after + 20, 20, made::get);
        } finally {
            stop.set(true);
            client.join(30_000);
        }
        assertEquals(List.of(), failures, "not one of " + made.get() + " connections was refused or cut");
        assertEquals(2, serving().instances());
        assertEquals(port, serving().address().getPort());
        Set<String> last = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            last.add(greeting(port));
        }
        assertEquals(Set.of("v3 0", "v3 1"), last, "copy 2 is gone");
    }

    @Test
    void aCopyThatFailsToOpenKeepsTheVersionServingWhole() throws Exception {
        int port = FreePorts.next();
        write("svc.tcp." + port + ".port.js", tcp("v1"));
        write("svc.tcp." + port + ".port.json", "{\"instances\": 2}");
        start();
        write("svc.tcp." + port + ".port.js", """
                export function open(ctx) { if (ctx.instance === 1) throw new Error('copy one cannot open'); }
                export function handle(conn, ctx) { conn.end('v2 ' + ctx.instance + '\\n'); }
                """);
        broker.reload();
        Plan.Refusal refusal = ((HandlerStatus.Refused) broker.status().get(1)).refusal();
        assertTrue(refusal.reason().startsWith("open(ctx) failed in copy 1 of 2: "), refusal.reason());
        assertTrue(refusal.reason().contains("copy one cannot open"), refusal.reason());
        assertEquals(new Plan.Consequence.PreviousVersionServes(), refusal.consequence());
        Set<String> greetings = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            greetings.add(greeting(port));
        }
        assertEquals(Set.of("v1 0", "v1 1"), greetings, "both copies of the old version serve on");
    }

    @Test
    void aUdpPortGrowsAndShrinksOnReloadWithoutClosing() throws Exception {
        int p = FreePorts.next();
        String handler = "export function message(msg, rinfo, ctx) { ctx.reply('%s ' + ctx.instance, rinfo); }";
        write("q.udp." + p + ".port.js", handler.formatted("v1"));
        start();
        InetSocketAddress port = new InetSocketAddress(LOOPBACK, p);
        try (DatagramSocket kept = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            kept.setSoTimeout(20_000);
            assertEquals("v1 0", ask(kept, port));
            write("q.udp." + p + ".port.js", handler.formatted("v2"));
            write("q.udp." + p + ".port.json", "{\"instances\": 2}");
            broker.reload();
            Set<String> copies = new HashSet<>();
            for (int s = 0; s < 64 && copies.size() < 2; s++) {
                try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                    client.setSoTimeout(20_000);
                    copies.add(ask(client, port));
                }
            }
            assertEquals(Set.of("v2 0", "v2 1"), copies);
            assertTrue(ask(kept, port).startsWith("v2 "), "a source heard before the reload is answered after it");
            write("q.udp." + p + ".port.js", handler.formatted("v3"));
            write("q.udp." + p + ".port.json", "{\"instances\": 1}");
            broker.reload();
            assertEquals("v3 0", ask(kept, port));
            assertEquals(1, serving().instances());
        }
    }

    private static String ask(DatagramSocket client, InetSocketAddress port) throws IOException {
        client.send(new DatagramPacket(new byte[] {1}, 1, port));
        DatagramPacket reply = new DatagramPacket(new byte[64], 64);
        client.receive(reply);
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }
}
