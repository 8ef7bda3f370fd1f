package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import dev.porthoster.core.HandlerStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker over a real content root, talked to over real loopback sockets. */
class BrokerServesContentRootTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
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

    private Broker start() {
        broker = Broker.builder(root).bindAddress(LOOPBACK).build().start();
        return broker;
    }

    /** Copies an example under a new port: the filename is the port. */
    private Path example(String exampleFile, int port) throws IOException {
        String[] parts = exampleFile.split("\\.");
        Path target = root.resolve(parts[0] + "." + parts[1] + "." + port + ".port.js");
        Files.copy(EXAMPLES.resolve(exampleFile), target);
        return target;
    }

    @Test
    void echoExampleGreetsWithItsPortAndEchoes() throws IOException {
        int port = FreePorts.next();
        example("echo.tcp.7000.port.js", port);
        start();
        try (Socket s = new Socket(LOOPBACK, port)) {
            s.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("hello from :" + port, in.readLine());
            OutputStream out = s.getOutputStream();
            out.write("hi\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("hi", in.readLine());
            out.write("second line\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("second line", in.readLine());
            s.shutdownOutput();
            assertEquals(-1, in.read(), "the handler closes its side after the client's FIN");
        }
    }

    @Test
    void counterExampleRepliesPongWithARisingCount() throws IOException {
        int port = FreePorts.next();
        example("counter.udp.9000.port.js", port);
        start();
        try (DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(5000);
            assertEquals("pong #1\n", roundTrip(client, port, "ping"));
            assertEquals("pong #2\n", roundTrip(client, port, "ping"));
        }
    }

    private static String roundTrip(DatagramSocket client, int port, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, port));
        DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
        client.receive(reply);
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }

    @Test
    void chatExampleRelaysLinesBetweenClients() throws IOException {
        int port = FreePorts.next();
        example("chat.tcp.7001.port.js", port);
        Files.createDirectories(root.resolve("lib"));
        Files.copy(EXAMPLES.resolve("lib/lines.js"), root.resolve("lib/lines.js"));
        start();
        try (Socket alice = new Socket(LOOPBACK, port)) {
            alice.setSoTimeout(5000);
            BufferedReader a = reader(alice);
            assertTrue(a.readLine().startsWith("welcome to the chat on :" + port));
            int bobPort;
            try (Socket bob = new Socket(LOOPBACK, port)) {
                bobPort = bob.getLocalPort();
                bob.setSoTimeout(5000);
                BufferedReader b = reader(bob);
                assertTrue(b.readLine().startsWith("welcome"));
                assertEquals("server: 127.0.0.1:" + bob.getLocalPort() + " joined", a.readLine());
                alice.getOutputStream().write("hello bob\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("127.0.0.1:" + alice.getLocalPort() + ": hello bob", b.readLine());
            }
            assertEquals("server: 127.0.0.1:" + bobPort + " left", a.readLine());
        }
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    @Test
    void handlerWithSyntaxErrorIsRefusedWithFileAndLineWhileOthersServe() throws IOException {
        int good = FreePorts.next();
        int bad = FreePorts.next();
        example("echo.tcp.7000.port.js", good);
        Files.writeString(root.resolve("broken.tcp." + bad + ".port.js"),
                "export function handle(conn) {\n  conn.write('x');\n  let = = 1;\n}\n");
        start();
        List<HandlerStatus> status = broker.status();
        HandlerStatus.Refused refused = status.stream().filter(s -> s instanceof HandlerStatus.Refused)
                .map(HandlerStatus.Refused.class::cast).findFirst().orElseThrow();
        assertTrue(refused.reason().startsWith("broken.tcp." + bad + ".port.js:3: SyntaxError"), refused.reason());
        assertInstanceOf(HandlerStatus.Serving.class, status.get(0));
        assertThrows(ConnectException.class, () -> new Socket(LOOPBACK, bad).close(), "nothing listens for the broken handler");
        try (Socket s = new Socket(LOOPBACK, good)) {
            s.setSoTimeout(5000);
            assertEquals("hello from :" + good, reader(s).readLine());
        }
    }

    @Test
    void throwingHandlerClosesItsConnectionAndTheNextClientIsServed() throws IOException {
        int port = FreePorts.next();
        Files.writeString(root.resolve("picky.tcp." + port + ".port.js"), """
                export function handle(conn) {
                  conn.on('data', (d) => {
                    if (String(d).startsWith('boom')) throw new Error('boom');
                    conn.write('ok\\n');
                  });
                }
                """);
        start();
        try (Socket bad = new Socket(LOOPBACK, port)) {
            bad.setSoTimeout(5000);
            bad.getOutputStream().write("boom\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(-1, bad.getInputStream().read(), "the failing connection is closed");
        }
        try (Socket good = new Socket(LOOPBACK, port)) {
            good.setSoTimeout(5000);
            good.getOutputStream().write("fine\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("ok", reader(good).readLine());
        }
    }

    @Test
    void runawayLoopDoesNotStopANeighbourOnTheSameLoop() throws IOException {
        int spin = FreePorts.next();
        int echo = FreePorts.next();
        Files.writeString(root.resolve("spin.tcp." + spin + ".port.js"),
                "export function handle(conn) { conn.on('data', () => { while (true) {} }); }\n");
        example("echo.tcp.7000.port.js", echo);
        broker = Broker.builder(root).bindAddress(LOOPBACK).build().start();
        try (Socket spinner = new Socket(LOOPBACK, spin)) {
            spinner.setSoTimeout(20_000);
            spinner.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            assertEquals(-1, spinner.getInputStream().read(), "the watchdog stops the loop and closes the connection");
        }
        try (Socket s = new Socket(LOOPBACK, echo)) {
            s.setSoTimeout(5000);
            assertEquals("hello from :" + echo, reader(s).readLine());
        }
    }
}
