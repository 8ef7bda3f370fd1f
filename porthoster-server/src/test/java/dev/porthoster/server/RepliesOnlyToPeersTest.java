package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.porthoster.core.Broker;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A UDP handler cannot be turned into a reflector: {@code ctx.reply} sends only to an address and port that sent the
 * port a datagram recently, never to a third party, and takes IP addresses only, never a host name to look up.
 * Real sockets on loopback, both engines.
 */
class RepliesOnlyToPeersTest {

    /** "third PORT" tries 127.0.0.4:PORT, "name" tries localhost; either way the sender hears the outcome. */
    private static final String TRIER = """
            const attempt = (ctx, to) => {
              try { ctx.reply('leak', to); return 'sent'; } catch (e) { return `${e.name}: ${e.message}`; }
            };
            export function message(msg, rinfo, ctx) {
              const [what, arg] = String(msg).split(' ');
              if (what === 'third') ctx.reply(attempt(ctx, { address: '127.0.0.4', port: Number(arg) }), rinfo);
              else if (what === 'name') ctx.reply(attempt(ctx, { address: 'localhost', port: rinfo.port }), rinfo);
              else ctx.reply(`pong ${what}`, rinfo);
            }
            """;

    @TempDir
    Path root;

    private Broker broker;
    private int port;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private void serve(String engine) throws IOException {
        port = FreePorts.next();
        Files.writeString(root.resolve("trier.udp." + port + ".port.js"), TRIER);
        broker = Broker.builder(root).bindAddress(InetAddress.getLoopbackAddress()).engine(engine).build().start();
        assertEquals(1, broker.status().size());
    }

    private static DatagramSocket socketOn(String address) throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0));
        s.setSoTimeout(5_000);
        return s;
    }

    private String ask(DatagramSocket client, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        DatagramPacket reply = new DatagramPacket(new byte[1000], 1000);
        client.receive(reply);
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }

    /** Nothing is waiting: a datagram sent before the handler answered its own sender would have arrived by now. */
    private static void assertNothingArrives(DatagramSocket socket) throws IOException {
        socket.setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, () -> socket.receive(new DatagramPacket(new byte[100], 100)),
                "the third party received a datagram from the handler");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void replyToAnAddressThatNeverSentThrowsAndSendsNothing(String engine) throws IOException {
        serve(engine);
        try (DatagramSocket sender = socketOn("127.0.0.3"); DatagramSocket third = socketOn("127.0.0.4")) {
            assertEquals("Error: ctx.reply: 127.0.0.4:" + third.getLocalPort() + " has not sent this port a datagram in "
                    + "the last 60 s; replies go only to peers", ask(sender, "third " + third.getLocalPort()));
            assertNothingArrives(third);
            assertEquals("pong sender", ask(sender, "sender"), "a reply to the real sender works");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void replyToAHostNameThrowsWithoutLookingItUp(String engine) throws IOException {
        serve(engine);
        try (DatagramSocket sender = socketOn("127.0.0.1")) {
            assertEquals("Error: ctx.reply: \"localhost\" is not an IP address; replies go to rinfo.address as "
                    + "message() received it, and host names are never looked up", ask(sender, "name"));
            assertNothingArrives(sender);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void anAddressBecomesAPeerBySendingAndOnlyThatPortDoes(String engine) throws IOException {
        serve(engine);
        try (DatagramSocket sender = socketOn("127.0.0.3"); DatagramSocket third = socketOn("127.0.0.4");
             DatagramSocket thirdElsewhere = socketOn("127.0.0.4")) {
            assertEquals("pong hello", ask(third, "hello"));
            assertEquals("sent", ask(sender, "third " + third.getLocalPort()), "127.0.0.4 sent from that port: a peer");
            DatagramPacket leak = new DatagramPacket(new byte[100], 100);
            third.receive(leak);
            assertEquals("leak", new String(leak.getData(), 0, leak.getLength(), StandardCharsets.UTF_8));
            assertEquals("Error: ctx.reply: 127.0.0.4:" + thirdElsewhere.getLocalPort() + " has not sent this port a "
                            + "datagram in the last 60 s; replies go only to peers",
                    ask(sender, "third " + thirdElsewhere.getLocalPort()), "the same address from another port is not");
            assertNothingArrives(thirdElsewhere);
        }
    }
}
