package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code instances: N} on a UDP port: the datagrams of one source stay in order on one copy, sources spread over the
 * copies, a reply leaves from the port the datagram came to, and {@code ctx.reply} still goes only to recent peers
 * of the port, whichever copy heard them. Real loopback sockets, an embedded broker.
 */
class InstancesUdpTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String HANDLER = """
            const last = new Map();
            export async function message(msg, rinfo, ctx) {
              const text = String(msg);
              if (text === 'stranger') {
                try {
                  ctx.reply('x', { address: rinfo.address, port: 9 }); // discard: never a peer
                  ctx.reply('sent', rinfo);
                } catch (e) {
                  ctx.reply('refused: ' + e.message, rinfo);
                }
              } else if (text === 'remember') {
                await ctx.shared.set('peer', { address: rinfo.address, port: rinfo.port });
                ctx.reply('remembered by ' + ctx.instance, rinfo);
              } else if (text === 'relay') {
                ctx.reply('relayed by ' + ctx.instance, await ctx.shared.get('peer'));
                ctx.reply('done by ' + ctx.instance, rinfo);
              } else {
                const key = rinfo.address + ':' + rinfo.port;
                const n = Number(text);
                const inOrder = (last.has(key) ? last.get(key) : -1) === n - 1;
                last.set(key, n);
                ctx.reply(ctx.instance + ' ' + n + ' ' + inOrder, rinfo);
              }
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

    private static String ask(DatagramSocket client, InetSocketAddress port, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(bytes, bytes.length, port));
        return receive(client, port);
    }

    private static String receive(DatagramSocket client, InetSocketAddress port) throws IOException {
        DatagramPacket reply = new DatagramPacket(new byte[512], 512);
        client.receive(reply);
        assertEquals(port, reply.getSocketAddress(), "a reply leaves from the port the datagram came to");
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }

    private static DatagramSocket client() throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        s.setSoTimeout(20_000);
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void theDatagramsOfOneSourceStayInOrderOnOneCopyAndRepliesLeaveFromThePort(String engine) throws Exception {
        int p = FreePorts.next();
        Files.writeString(root.resolve("q.udp." + p + ".port.js"), HANDLER);
        Files.writeString(root.resolve("q.udp." + p + ".port.json"), "{\"instances\": 2}");
        broker = Broker.builder(root).bindAddress(LOOPBACK).engine(engine).build().start();
        InetSocketAddress port = new InetSocketAddress(LOOPBACK, p);
        Set<String> copies = new HashSet<>();
        // 32 sources: that every one lands on the same copy of two has odds of 2^-31. All stay open to the end, so
        // each is a port of its own (a closed one's port may be given to the next, which the handler would take
        // for the same source).
        List<DatagramSocket> sources = new ArrayList<>();
        try {
            for (int s = 0; s < 32; s++) {
                DatagramSocket client = client();
                sources.add(client);
                List<String> replies = new ArrayList<>();
                for (int n = 0; n < 8; n++) {
                    replies.add(ask(client, port, String.valueOf(n)));
                }
                String copy = replies.getFirst().split(" ")[0];
                for (int n = 0; n < 8; n++) {
                    assertEquals(copy + " " + n + " true", replies.get(n), "one copy, in order: " + replies);
                }
                copies.add(copy);
            }
        } finally {
            sources.forEach(DatagramSocket::close);
        }
        assertEquals(Set.of("0", "1"), copies, "sources are spread over both copies");
        try (DatagramSocket client = client()) {
            String refused = ask(client, port, "stranger");
            assertTrue(refused.matches("refused: ctx\\.reply: 127\\.0\\.0\\.1:\\d+ has not sent this port a datagram "
                    + "in the last 60 s; replies go only to peers"), refused);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"graal", "rhino"})
    void anyCopyMayAnswerAPeerOfThePortThatAnotherCopyHeard(String engine) throws Exception {
        int p = FreePorts.next();
        Files.writeString(root.resolve("q.udp." + p + ".port.js"), HANDLER);
        Files.writeString(root.resolve("q.udp." + p + ".port.json"), "{\"instances\": 2}");
        broker = Broker.builder(root).bindAddress(LOOPBACK).engine(engine).build().start();
        InetSocketAddress port = new InetSocketAddress(LOOPBACK, p);
        try (DatagramSocket first = client()) {
            String heardBy = ask(first, port, "remember").substring("remembered by ".length());
            for (int attempt = 0; attempt < 64; attempt++) {
                try (DatagramSocket other = client()) {
                    String copy = ask(other, port, "0").split(" ")[0];
                    if (!copy.equals(heardBy)) {
                        assertEquals("done by " + copy, ask(other, port, "relay"));
                        assertEquals("relayed by " + copy, receive(first, port), "the other copy reached the peer");
                        return;
                    }
                }
            }
            throw new AssertionError("64 sources all reached copy " + heardBy);
        }
    }
}
