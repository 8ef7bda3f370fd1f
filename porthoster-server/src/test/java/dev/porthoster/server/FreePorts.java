package dev.porthoster.server;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports free on loopback for both TCP and UDP, for a broker to bind a moment later.
 *
 * <p>They come from below the kernel's ephemeral range (ip_local_port_range, 32768 and up by default), never from
 * it: a port in that range can be taken, between this check and the broker's bind, as the source port of any
 * outgoing connection (redis-benchmark alone opens dozens). The broker then cannot bind it, and a client
 * connecting to it can even connect to itself (TCP simultaneous open) and read back its own request. That race
 * made this suite flaky; ports at or above 20000 and below the ephemeral range cannot be lost to it. Each port is
 * handed out once per JVM.
 */
public final class FreePorts {

    private static final int LOW = 20000;
    private static final int HIGH = ephemeralLow();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > LOW + 1000 ? low : 32768;
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }

    public static int next() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return port;
                }
            } catch (IOException busy) {
                // taken over TCP or UDP; try another
            }
        }
        throw new IllegalStateException("no free loopback port found in " + LOW + "-" + (HIGH - 1));
    }
}
