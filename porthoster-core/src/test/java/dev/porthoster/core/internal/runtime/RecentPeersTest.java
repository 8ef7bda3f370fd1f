package dev.porthoster.core.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The peers ctx.reply may send to: recent within the window, bounded in number. */
class RecentPeersTest {

    private static InetSocketAddress at(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void aPeerIsRecentForTheWindowAfterItsLastDatagram() throws Exception {
        RecentPeers peers = new RecentPeers(60_000, 10);
        InetSocketAddress a = at("192.0.2.1", 5353);
        peers.heard(a, 1_000);
        assertEquals(Optional.of(a), peers.recent(a.getAddress(), 5353, 61_000));
        assertEquals(Optional.empty(), peers.recent(a.getAddress(), 5354, 61_000), "another port of the same address");
        peers.heard(a, 30_000);
        assertEquals(Optional.of(a), peers.recent(a.getAddress(), 5353, 90_000), "the window runs from the last one");
        assertEquals(Optional.empty(), peers.recent(a.getAddress(), 5353, 90_001));
        assertEquals(0, peers.size(), "an expired peer is forgotten");
    }

    @Test
    void anIpv4SenderSeenThroughADualStackSocketIsTheSamePeerAsItsIpv4Address() throws Exception {
        RecentPeers peers = new RecentPeers(60_000, 10);
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1};
        peers.heard(new InetSocketAddress(java.net.Inet6Address.getByAddress(null, mapped, 0), 5353), 0);
        InetSocketAddress v4 = at("192.0.2.1", 5353);
        assertEquals(Optional.of(v4), peers.recent(IpLiterals.parse("192.0.2.1").orElseThrow(), 5353, 1));
        assertEquals(Optional.of(v4), peers.recent(IpLiterals.parse("::ffff:192.0.2.1").orElseThrow(), 5353, 1));
    }

    @Test
    void aFloodOfSourcesPushesOutTheOldestAndNeverGrowsPastTheLimit() throws Exception {
        RecentPeers peers = new RecentPeers(60_000, 1_000);
        InetSocketAddress old = at("192.0.2.1", 1);
        peers.heard(old, 0);
        for (int i = 0; i < 100_000; i++) {
            peers.heard(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}), 53), 1 + i / 1000);
            assertTrue(peers.size() <= 1_000);
        }
        assertEquals(1_000, peers.size());
        assertEquals(Optional.empty(), peers.recent(old.getAddress(), 1, 200), "the peer heard from longest ago went first");
    }
}
