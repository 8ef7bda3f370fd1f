package dev.porthoster.core.internal.runtime;

import dev.porthoster.api.spi.Addresses;
import dev.porthoster.api.spi.DatagramReplies;
import dev.porthoster.api.spi.DatagramSender;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@code ctx.reply} for one UDP socket: sends only to a {@link RecentPeers recent peer}, named by an IP address, so a
 * handler cannot be made to send to a third party (a reflector) or to look up a host name on its loop. The one place
 * this rule lives: the broker and the testkit both hand it to every engine.
 */
final class PeerReplies implements DatagramReplies {

    private static final int MAX_QUOTED = 64;

    private final DatagramSender socket;
    private final RecentPeers peers;
    private final LongSupplier clock;

    PeerReplies(DatagramSender socket, RecentPeers peers, LongSupplier clockMillis) {
        this.socket = socket;
        this.peers = peers;
        this.clock = clockMillis;
    }

    DatagramSender socket() {
        return socket;
    }

    @Override
    public Optional<String> reply(byte[] payload, String address, int port) {
        Optional<InetAddress> ip = IpLiterals.parse(address);
        if (ip.isEmpty()) {
            return Optional.of("ctx.reply: " + quoted(address) + " is not an IP address; replies go to rinfo.address as "
                    + "message() received it, and host names are never looked up");
        }
        Optional<InetSocketAddress> peer = peers.recent(ip.get(), port, clock.getAsLong());
        if (peer.isEmpty()) {
            String where = ip.get() instanceof Inet6Address ? "[" + Addresses.text(ip.get()) + "]" : Addresses.text(ip.get());
            return Optional.of("ctx.reply: " + where + ":" + port + " has not sent this port a datagram in the last "
                    + duration(peers.windowMillis()) + "; replies go only to peers");
        }
        socket.send(payload, peer.get());
        return Optional.empty();
    }

    private static String duration(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** The handler's text in quotes, shortened and with anything unprintable escaped: it goes into an error message. */
    static String quoted(String text) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(text.length(), MAX_QUOTED);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c)
                    || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(text.length() > MAX_QUOTED ? "\"..." : "\"").toString();
    }
}
