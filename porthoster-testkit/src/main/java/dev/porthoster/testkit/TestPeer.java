package dev.porthoster.testkit;

import dev.porthoster.api.spi.Datagram;
import dev.porthoster.api.spi.DatagramSender;
import dev.porthoster.api.spi.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake server at one address and port, for a handler's outbound traffic ({@code net.connect}, {@code ctx.udp},
 * {@code Ctx.connect}): register it with {@link HandlerTestKit#peer} or {@link HandlerTestKit.Builder#peer}. The
 * handler's manifest must still list the destination under {@code connect}: the kit checks every attempt as the broker
 * does, and a refused one never reaches the peer.
 *
 * <p>Each connection the handler makes to it is a {@link TestConnection} seen from the peer's side: {@code send}
 * delivers bytes to the handler, {@code read} returns what the handler wrote, {@code end} is the peer's FIN. Each
 * datagram the handler sends to it is kept ({@link #datagrams()}); {@link #reply} answers the last one.
 */
public final class TestPeer {

    private final ManualEventLoop loop;
    private final InetSocketAddress address;
    private final List<TestConnection> connections = new ArrayList<>();
    private final List<byte[]> datagrams = new ArrayList<>();
    private Transport.DatagramReceiver lastSocket;
    private DatagramSender lastSender;
    private Behaviour behaviour = Behaviour.ACCEPT;

    /** What the peer does with a connection attempt. */
    enum Behaviour { ACCEPT, REFUSE, SILENT }

    TestPeer(ManualEventLoop loop, InetSocketAddress address) {
        this.loop = loop;
        this.address = address;
    }

    /** Where this peer is. */
    public InetSocketAddress address() {
        return address;
    }

    /** From now on, connections to this peer are refused: the handler gets {@code ECONNREFUSED}. */
    public TestPeer refuse() {
        behaviour = Behaviour.REFUSE;
        return this;
    }

    /**
     * From now on, connection attempts get no answer: the handler gets {@code ETIMEDOUT} once the connect timeout
     * (10 s, as in the broker) has passed on the virtual clock ({@link HandlerTestKit#advance}).
     */
    public TestPeer unreachable() {
        behaviour = Behaviour.SILENT;
        return this;
    }

    /** From now on, connections are accepted (the default). */
    public TestPeer accept() {
        behaviour = Behaviour.ACCEPT;
        return this;
    }

    Behaviour behaviour() {
        return behaviour;
    }

    void connected(TestConnection c) {
        connections.add(c);
    }

    /** Every connection the handler made to this peer, oldest first. */
    public List<TestConnection> connections() {
        loop.runPending();
        return List.copyOf(connections);
    }

    /**
     * The handler's latest connection to this peer.
     *
     * @throws IllegalStateException when the handler has made none
     */
    public TestConnection connection() {
        loop.runPending();
        if (connections.isEmpty()) {
            throw new IllegalStateException("the handler has not connected to " + where());
        }
        return connections.get(connections.size() - 1);
    }

    void received(byte[] payload, Transport.DatagramReceiver socket, DatagramSender sender) {
        datagrams.add(payload.clone());
        lastSocket = socket;
        lastSender = sender;
    }

    /** Every datagram the handler sent to this peer, oldest first. */
    public List<byte[]> datagrams() {
        loop.runPending();
        return List.copyOf(datagrams);
    }

    /** The datagrams the handler sent to this peer, as UTF-8 text. */
    public List<String> datagramTexts() {
        return datagrams().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    /**
     * Sends a datagram from this peer to the socket the handler last sent to it from: the handler's {@code ctx.udp}
     * gets a {@code 'message'}.
     *
     * @throws IllegalStateException when the handler has sent this peer nothing
     */
    public TestPeer reply(byte[] payload) {
        loop.runPending();
        if (lastSocket == null) {
            throw new IllegalStateException("the handler has sent " + where() + " no datagram to answer");
        }
        if (lastSocket.admit(address)) {
            lastSocket.receive(new Datagram(payload.clone(), address), lastSender);
        }
        loop.runPending();
        return this;
    }

    /** Sends a UTF-8 datagram, as {@link #reply(byte[])}. */
    public TestPeer reply(String text) {
        return reply(text.getBytes(StandardCharsets.UTF_8));
    }

    private String where() {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
