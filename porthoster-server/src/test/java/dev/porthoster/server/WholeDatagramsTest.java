package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.porthoster.core.Broker;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A datagram reaches {@code message()} whole, whatever its size up to the largest IP allows (65,507 bytes of payload
 * over IPv4, 65,527 over IPv6), with {@code rinfo.size} its true length, as Node delivers it. Both engines.
 */
class WholeDatagramsTest {

    /** Replies with what arrived: its size as rinfo says, its length, its first and last byte and a checksum. */
    private static final String MEASURE = """
            export function message(msg, rinfo, ctx) {
              let sum = 0;
              for (let i = 0; i < msg.length; i++) sum = (sum + msg[i]) % 65521;
              ctx.reply(`${rinfo.size} ${msg.length} ${msg[0]} ${msg[msg.length - 1]} ${sum}`, rinfo);
            }
            """;

    @TempDir
    Path root;

    private Broker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private int serve(String engine, String bind) throws IOException {
        int port = FreePorts.next();
        Files.writeString(root.resolve("measure.udp." + port + ".port.js"), MEASURE);
        broker = Broker.builder(root).bindAddress(InetAddress.getByName(bind)).engine(engine).build().start();
        assertEquals(1, broker.status().size());
        return port;
    }

    private static byte[] payload(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        b[0] = 1;
        b[size - 1] = 2;
        return b;
    }

    private static String expected(byte[] b) {
        int sum = 0;
        for (byte x : b) {
            sum = (sum + (x & 0xff)) % 65521;
        }
        return b.length + " " + b.length + " 1 2 " + sum;
    }

    private static String roundTrip(String from, String to, int port, byte[] payload) throws IOException {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(from), 0))) {
            client.setSoTimeout(10_000);
            client.setSendBufferSize(256 * 1024);
            client.send(new DatagramPacket(payload, payload.length, InetAddress.getByName(to), port));
            DatagramPacket reply = new DatagramPacket(new byte[200], 200);
            client.receive(reply);
            return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void datagramOf60000BytesArrivesWholeWithItsTrueSize(String engine) throws IOException {
        int port = serve(engine, "127.0.0.1");
        byte[] big = payload(60_000);
        assertEquals(expected(big), roundTrip("127.0.0.1", "127.0.0.1", port, big));
        byte[] small = payload(3);
        assertEquals(expected(small), roundTrip("127.0.0.1", "127.0.0.1", port, small), "small ones still arrive as they were");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void largestIpv4DatagramArrivesWhole(String engine) throws IOException {
        int port = serve(engine, "127.0.0.1");
        byte[] largest = payload(65_507);
        assertEquals(expected(largest), roundTrip("127.0.0.1", "127.0.0.1", port, largest));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void ipv6DatagramsArriveWholeUpToTheLargest(String engine) throws IOException {
        assumeTrue(hasIpv6Loopback(), "this machine has no ::1");
        int port = serve(engine, "::1");
        byte[] big = payload(60_000);
        assertEquals(expected(big), roundTrip("::1", "::1", port, big));
        byte[] largest = payload(65_527);
        assertEquals(expected(largest), roundTrip("::1", "::1", port, largest));
    }

    private static boolean hasIpv6Loopback() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
