package dev.porthoster.testkit;

import dev.porthoster.api.OutboundException;
import dev.porthoster.api.spi.Addresses;
import dev.porthoster.api.spi.Dialer;
import dev.porthoster.api.spi.EventLoop;
import dev.porthoster.api.spi.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The network behind a test's handler: its {@link TestPeer}s, on the kit's virtual-clock loop. A destination the
 * manifest allows but no peer stands at refuses connections ({@code ECONNREFUSED}), as a closed port does, and drops
 * datagrams, as the network would.
 */
final class FakeNetwork implements Dialer {

    private final ManualEventLoop loop;
    private final long highWaterMark;
    private final Map<InetSocketAddress, TestPeer> peers = new LinkedHashMap<>();
    private int nextPort = 49152;

    FakeNetwork(ManualEventLoop loop, long highWaterMark) {
        this.loop = loop;
        this.highWaterMark = highWaterMark;
    }

    TestPeer peer(String address, int port) {
        InetSocketAddress at = new InetSocketAddress(literal(address), port);
        return peers.computeIfAbsent(at, a -> new TestPeer(loop, a));
    }

    private static InetAddress literal(String address) {
        if (address == null || !(address.indexOf(':') >= 0 || address.matches("[0-9.]+"))) {
            throw new IllegalArgumentException("a peer stands at an IP address, not " + address
                    + ": handlers never look host names up");
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }

    private int ephemeralPort() {
        return nextPort < 65535 ? nextPort++ : (nextPort = 49152);
    }

    @Override
    public EventLoop.Cancellable connectTcp(InetSocketAddress remote, EventLoop handlerLoop, Duration timeout,
                                            Connector connector) {
        boolean[] cancelled = {false};
        TestPeer peer = peers.get(remote);
        String where = "connect %s " + Addresses.text(remote.getAddress()) + ":" + remote.getPort();
        if (peer != null && peer.behaviour() == TestPeer.Behaviour.SILENT) {
            EventLoop.Cancellable timer = loop.schedule(() -> {
                if (!cancelled[0]) {
                    connector.failed(new OutboundException("ETIMEDOUT", where.formatted("ETIMEDOUT")));
                }
            }, timeout.toMillis());
            return () -> {
                cancelled[0] = true;
                timer.cancel();
            };
        }
        loop.execute(() -> {
            if (cancelled[0]) {
                return;
            }
            if (peer == null || peer.behaviour() == TestPeer.Behaviour.REFUSE) {
                connector.failed(new OutboundException("ECONNREFUSED", where.formatted("ECONNREFUSED")));
                return;
            }
            TestConnection c = new TestConnection(loop, remote, ephemeralPort(), highWaterMark);
            peer.connected(c);
            c.events(connector.connected(c.side));
        });
        return () -> cancelled[0] = true;
    }

    @Override
    public DatagramEndpoint openUdp(boolean ipv6, EventLoop handlerLoop, Transport.DatagramReceiver receiver) {
        int port = ephemeralPort();
        return new DatagramEndpoint() {
            private boolean closed;

            @Override
            public void send(byte[] payload, InetSocketAddress recipient) {
                TestPeer peer = peers.get(recipient);
                if (!closed && peer != null) {
                    peer.received(payload, receiver, (bytes, to) -> { });
                }
            }

            @Override
            public void close() {
                closed = true;
            }

            @Override
            public String toString() {
                return "udp socket on port " + port;
            }
        };
    }
}
