package dev.porthoster.server.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import dev.porthoster.server.Await;
import dev.porthoster.server.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A broker serving a deploy folder, as {@code porthoster serve DIR} runs it, and {@code receive} reaching it through
 * its local channel: the broker applies each new tree only once it is whole, and the report says what it did.
 */
class ServingBrokerTest {

    @TempDir
    Path root;
    @TempDir
    Path server;

    private Broker broker;
    private AutoCloseable channel;

    @AfterEach
    void stop() throws Exception {
        if (channel != null) {
            channel.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private Path dir() {
        return server.resolve("srv");
    }

    private void serve(String engine) throws IOException {
        Files.createDirectories(dir());
        Path served = SyncCommands.servedRoot(dir());
        // as serve runs a deploy folder: no file watching, the channel alone makes it follow current
        broker = Broker.builder(served).bindAddress(InetAddress.getLoopbackAddress()).engine(engine)
                .watch(SyncCommands.watches(dir(), served))
                .drainTimeout(java.time.Duration.ofSeconds(2)).build().start();
        channel = SyncCommands.openChannel(broker, dir());
    }

    private static String ask(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static String handler(String greeting) {
        return "import { suffix } from './lib/suffix.js';\n"
                + "export function handle(conn) { conn.end('" + greeting + "' + suffix + '\\n'); }\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"graal", "rhino"})
    void eachSyncIsAppliedByTheServingBrokerAndReportedPortByPort(String engine) throws Exception {
        serve(engine);
        int p1 = FreePorts.next();
        int p2 = FreePorts.next();
        String echo = "echo.tcp." + p1 + ".port.js";
        String other = "other.tcp." + p2 + ".port.js";
        Pipes.write(root, echo, handler("hello"), "lib/suffix.js", "export const suffix = ' v1';\n", other,
                "export function handle(conn) { conn.end('other\\n'); }\n");

        Report first = Pipes.sync(root, dir(), Limits.DEFAULTS).report().orElseThrow();
        assertEquals("reconciled", first.broker());
        assertEquals(java.util.stream.Stream.of("tcp/" + p1, "tcp/" + p2).sorted().toList(), first.opened().stream().map(Report.Port::socket).sorted().toList());
        assertEquals("hello v1", ask(p1));

        // a change to an imported file only: the broker follows the swapped link and reloads its importer
        Pipes.write(root, "lib/suffix.js", "export const suffix = ' v2';\n");
        Pipes.Outcome second = Pipes.sync(root, dir(), Limits.DEFAULTS);
        Report r2 = second.report().orElseThrow();
        assertEquals(List.of(new Report.Port("tcp/" + p1, echo, List.of("lib/suffix.js"))), r2.reloaded(),
                Pipes.printed(r2));
        assertEquals(List.of("tcp/" + p2), r2.kept().stream().map(Report.Port::socket).toList());
        assertEquals("hello v2", ask(p1));

        Files.delete(root.resolve(other));
        Report third = Pipes.sync(root, dir(), Limits.DEFAULTS).report().orElseThrow();
        assertEquals(List.of(new Report.Port("tcp/" + p2, other, List.of())), third.closed());
        Await.until(() -> {
            try {
                ask(p2);
                return false;
            } catch (IOException e) {
                return true;
            }
        }, 10, () -> "tcp/" + p2 + " still answers");

        // a broken manifest: refused, exit status 1, and the old version keeps serving
        Pipes.write(root, echo.replace(".js", ".json"), "{ \"allow\": 5 }\n");
        Pipes.Outcome broken = Pipes.sync(root, dir(), Limits.DEFAULTS);
        Report r4 = broken.report().orElseThrow();
        assertEquals(1, broken.receiveStatus());
        assertEquals(1, r4.exitStatus());
        assertTrue(r4.refused().get(0).reason().contains("allow"), Pipes.printed(r4));
        assertEquals(List.of("tcp/" + p1), r4.kept().stream().map(Report.Port::socket).toList());
        assertEquals("hello v2", ask(p1));

        Pipes.Outcome back = Pipes.run(Pipes.request(root, dir(), false, true), List.of(), dir(), Limits.DEFAULTS,
                Long.MAX_VALUE);
        assertEquals(0, back.receiveStatus(), back::toString);
        assertEquals("hello v2", ask(p1));
    }

    @Test
    void theChannelIsASocketOnlyTheBrokersUserCanReach() throws Exception {
        serve("rhino");
        Path state = dir().resolve(".porthoster");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state, LinkOption.NOFOLLOW_LINKS)));
        Path socket = state.resolve("broker.sock");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertTrue(Files.getAttribute(socket, "unix:mode") instanceof Integer m && (m & 0140000) == 0140000,
                "a Unix socket");

        // a state folder others may enter is not trusted
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> BrokerLink.ask(state, "status"));
        assertTrue(e.getMessage().contains("must be mode 0700"), e.getMessage());
    }

    @Test
    void aProcessOfAnotherUserGetsNoAnswerEvenWhenItReachesTheSocket() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(BrokerLinkProbe.canSwitchUser(),
                "needs root and setpriv to connect as another user");
        serve("rhino");
        Path state = dir().resolve(".porthoster");
        // open the door on purpose: only SO_PEERCRED stands between that user and the broker now
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(state.resolve("broker.sock"), PosixFilePermissions.fromString("rw-rw-rw-"));
        String answer = BrokerLinkProbe.askAsNobody(state.resolve("broker.sock"));
        assertEquals("connected; answer: ''", answer);
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
        assertEquals(dir().resolve("current").toString(),
                BrokerLink.ask(state, "status").orElseThrow().get("root").asString());
    }

    @Test
    void statusNamesEachPortWithItsVersionAndCounters() throws Exception {
        serve("rhino");
        int port = FreePorts.next();
        Pipes.write(root, "echo.tcp." + port + ".port.js", "export function handle(conn) { conn.end('hi\\n'); }\n");
        Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals("hi", ask(port));
        JsonNode status = BrokerLink.ask(dir().resolve(".porthoster"), "status").orElseThrow();
        JsonNode p = status.get("ports").get(0);
        assertEquals("tcp/" + port, p.get("socket").asString());
        assertEquals("echo.tcp." + port + ".port.js", p.get("file").asString());
        assertEquals(16, p.get("version").asString().length());
        assertEquals(0, p.get("restarts").asInt());
        assertEquals(Files.readSymbolicLink(dir().resolve("current")).getFileName().toString(),
                status.get("release").asString());
    }

    @Test
    void theSyncThatDeletesTheTreeTheBrokerStartedWithStillReportsEachPortItClosed() throws Exception {
        serve("rhino");
        int keep = FreePorts.next();
        int[] drop = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
        for (int i = 0; i < drop.length; i++) {
            // each sync deletes the tree two syncs back: the second deletes the (empty) tree the broker started with
            if (i > 0) {
                Files.delete(root.resolve("drop.tcp." + drop[i - 1] + ".port.js"));
            }
            Pipes.write(root, "keep.tcp." + keep + ".port.js", "export function handle(c) { c.end('" + i + "\\n'); }\n",
                    "drop.tcp." + drop[i] + ".port.js", "export function handle(c) { c.end('d\\n'); }\n");
            Report r = Pipes.sync(root, dir(), Limits.DEFAULTS).report().orElseThrow();
            assertTrue(r.opened().contains(new Report.Port("tcp/" + drop[i], "drop.tcp." + drop[i] + ".port.js",
                    List.of())), Pipes.printed(r));
            assertEquals(i == 0 ? List.of() : List.of(new Report.Port("tcp/" + drop[i - 1], "drop.tcp." + drop[i - 1]
                    + ".port.js", List.of())), r.closed(), Pipes.printed(r));
            assertEquals(String.valueOf(i), ask(keep));
        }
    }

    @Test
    void aBrokerThatMissedTheSwapOfATreeIsToldOnTheNextSyncAndStatusSaysWhatItServes() throws Exception {
        serve("rhino");
        int port = FreePorts.next();
        String echo = "echo.tcp." + port + ".port.js";
        Pipes.write(root, echo, "export function handle(conn) { conn.end('v1\\n'); }\n");
        Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals("v1", ask(port));
        String v1 = Files.readSymbolicLink(dir().resolve("current")).getFileName().toString();

        // What kill -9 of receive between its swap and its request to the broker leaves: current names the new tree
        // and the broker, never told, serves the old one. Here the channel is moved aside during that sync.
        Path state = dir().resolve(".porthoster");
        Pipes.write(root, echo, "export function handle(conn) { conn.end('v2\\n'); }\n");
        Files.move(state.resolve("broker.sock"), state.resolve("aside.sock"));
        assertEquals("none", Pipes.sync(root, dir(), Limits.DEFAULTS).report().orElseThrow().broker());
        Files.move(state.resolve("aside.sock"), state.resolve("broker.sock"));
        String v2 = Files.readSymbolicLink(dir().resolve("current")).getFileName().toString();
        assertEquals("v1", ask(port), "the old tree serves on, whole");
        JsonNode status = BrokerLink.ask(state, "status").orElseThrow();
        assertEquals(v1, status.get("release").asString(), "status names the release the broker applied");
        assertEquals(v2, status.get("current").asString());

        Pipes.Outcome again = Pipes.sync(root, dir(), Limits.DEFAULTS);
        Report r = again.report().orElseThrow();
        assertEquals("reconciled", r.broker(), Pipes.printed(r));
        assertEquals(List.of(new Report.Port("tcp/" + port, echo, List.of(echo))), r.reloaded(), Pipes.printed(r));
        assertEquals("v2", ask(port));
        assertEquals(v2, BrokerLink.ask(state, "status").orElseThrow().get("release").asString());
    }

    @Test
    void statusCountsTheConnectionsOpenNow() throws Exception {
        serve("graal");
        int port = FreePorts.next();
        Pipes.write(root, "hold.tcp." + port + ".port.js", "export function handle(conn) { conn.write('held\\n'); }\n");
        Pipes.sync(root, dir(), Limits.DEFAULTS);
        try (Socket a = new Socket(InetAddress.getLoopbackAddress(), port);
             Socket b = new Socket(InetAddress.getLoopbackAddress(), port)) {
            a.getInputStream().read();
            b.getInputStream().read();
            JsonNode p = BrokerLink.ask(dir().resolve(".porthoster"), "status").orElseThrow().get("ports").get(0);
            assertEquals(2, p.get("connections").asInt(), p.toString());
        }
    }

    @Test
    void statusShowsEachCopyOfAHandlerServedByMoreThanOne() throws Exception {
        serve("graal");
        int port = FreePorts.next();
        Pipes.write(root, "hold.tcp." + port + ".port.js", "export function handle(conn) { conn.write('held\\n'); }\n",
                "hold.tcp." + port + ".port.json", "{\"instances\": 2}\n");
        Pipes.sync(root, dir(), Limits.DEFAULTS);
        try (Socket a = new Socket(InetAddress.getLoopbackAddress(), port);
             Socket b = new Socket(InetAddress.getLoopbackAddress(), port);
             Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
            a.getInputStream().read();
            b.getInputStream().read();
            c.getInputStream().read();
            JsonNode status = BrokerLink.ask(dir().resolve(".porthoster"), "status").orElseThrow();
            JsonNode p = status.get("ports").get(0);
            assertEquals(3, p.get("connections").asInt(), p.toString());
            assertEquals(2, p.get("instances").asInt(), p.toString());
            assertEquals(2, p.get("copies").get(0).get("connections").asInt(), p.toString());
            assertEquals(1, p.get("copies").get(1).get("connections").asInt(), p.toString());
            java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
            StatusText.print(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8), status);
            String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("    copy 0  connections 2  restarts 0\n    copy 1  connections 1  restarts 0"),
                    text);
        }
    }

    @Test
    void statusCountsEachPortsOutboundTrafficAndRefusals() throws Exception {
        serve("graal");
        int port = FreePorts.next();
        Pipes.write(root, "nosy.tcp." + port + ".port.js", """
                import net from 'node:net';
                export function handle(conn) { net.connect(1, '127.0.0.1').on('error', (e) => conn.end(e.code + '\\n')); }
                """);
        Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals("ERR_ACCESS_DENIED", ask(port));
        JsonNode status = BrokerLink.ask(dir().resolve(".porthoster"), "status").orElseThrow();
        JsonNode outbound = status.get("ports").get(0).get("outbound");
        assertEquals(1, outbound.get("refused").get("no_connect_list").asInt(), outbound.toString());
        assertEquals(0, outbound.get("connections").asInt());
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        StatusText.print(new java.io.PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8), status);
        assertTrue(text.toString(java.nio.charset.StandardCharsets.UTF_8)
                .contains("outbound: 0 open, 0 connections, 0 datagrams  refused: no_connect_list 1"), text::toString);
    }

}
