package dev.porthoster.core.internal.runtime;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses and ports that sent one UDP port a screened datagram within the reply window: the only places
 * {@code ctx.reply} may send to. One per port, whichever copy of the handler heard the peer, so any copy may answer
 * any peer of the port, and the bound is the port's; touched on the copies' loops, under this object's lock (two
 * short critical sections per datagram answered, uncontended with one copy). Bounded twice: entries older than the window are
 * dropped as time passes, and past {@code limit} peers the one heard from longest ago is forgotten first, so a flood
 * from spoofed sources costs a fixed amount of memory (it can only push older peers out).
 */
final class RecentPeers {

    private final long windowMillis;
    private final int limit;
    /** In order of last datagram, oldest first; the value is that datagram's time. */
    private final LinkedHashMap<InetSocketAddress, long[]> heard;

    RecentPeers(long windowMillis, int limit) {
        if (windowMillis < 1 || limit < 1) {
            throw new IllegalArgumentException("the reply window and the peer limit must be positive");
        }
        this.windowMillis = windowMillis;
        this.limit = limit;
        this.heard = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetSocketAddress, long[]> eldest) {
                return size() > RecentPeers.this.limit;
            }
        };
    }

    long windowMillis() {
        return windowMillis;
    }

    /** {@code from} sent a datagram at {@code now}. */
    synchronized void heard(InetSocketAddress sender, long now) {
        InetSocketAddress from = canonical(sender);
        long[] at = heard.get(from);
        if (at != null && at[0] == now) {
            return; // a burst within one millisecond: already the newest, nothing to move
        }
        if (at != null) {
            heard.remove(from);
        } else {
            at = new long[1];
        }
        at[0] = now;
        heard.put(from, at);
        expire(now);
    }

    /** The peer at {@code address:port} if it sent a datagram within the window before {@code now}. */
    synchronized Optional<InetSocketAddress> recent(InetAddress address, int port, long now) {
        expire(now);
        InetSocketAddress key = canonical(new InetSocketAddress(address, port));
        return heard.containsKey(key) ? Optional.of(key) : Optional.empty();
    }

    /**
     * One key per peer: an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}, as a dual-stack socket may report an
     * IPv4 sender) is the IPv4 address, as {@link IpLiterals} parses it from {@code rinfo.address}.
     */
    static InetSocketAddress canonical(InetSocketAddress a) {
        if (!(a.getAddress() instanceof Inet6Address v6)) {
            return a;
        }
        byte[] b = v6.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return a;
            }
        }
        if (b[10] != (byte) 0xff || b[11] != (byte) 0xff) {
            return a;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}), a.getPort());
        } catch (java.net.UnknownHostException impossible) {
            return a; // only thrown for a wrong length
        }
    }

    /** Peers on record now (for tests of the bound). */
    synchronized int size() {
        return heard.size();
    }

    private void expire(long now) {
        for (Iterator<long[]> it = heard.values().iterator(); it.hasNext(); ) {
            if (now - it.next()[0] <= windowMillis) {
                return;
            }
            it.remove();
        }
    }
}
