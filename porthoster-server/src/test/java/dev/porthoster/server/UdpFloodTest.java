package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.Broker;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UDP flood from one source does not cost another source its answers: the flooder (127.0.0.2, sending as fast as
 * two threads can with a per-source rate in the manifest, one thread without a manifest) is dropped before any per-datagram work, by its per-source rate when the manifest has one and by
 * its fair share of a saturated handler when it has none, and an honest source (127.0.0.3, 10 datagrams a second)
 * gets at least 95 % of its answers with the rate, 85 % without (see {@link #SHARE_WITHOUT_MANIFEST}). Bounded: the
 * flood lasts until the broker has refused 20,000 of its datagrams (5 s at most), then for the honest source's 40
 * requests (about 4 s); each honest request waits up to 1 s for its answer, generous for a loaded CI box. The
 * comparison with Node is a benchmark, not a test: bench/udp-flood/run.
 */
class UdpFloodTest {

    private static final int HONEST_REQUESTS = 40;
    /**
     * Without a manifest the bar is lower than the 95 % promised with a per-source rate: nothing is refused before the
     * handler is saturated, so the broker's pauses (a garbage collection, the CPU taken by the flooder and by other
     * work on a 2-core machine) let the kernel's socket buffer fill now and then. (Before the fair share: 6 of 40.)
     */
    private static final double SHARE_WITHOUT_MANIFEST = 0.85;

    @TempDir
    Path root;

    private Broker broker;

    @AfterEach
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void honestSourceKeepsItsAnswersWhileAnotherFloodsAPortWithAPerSourceRate() throws Exception {
        int port = FreePorts.next();
        Files.writeString(root.resolve("echo.udp." + port + ".port.js"),
                "export function message(msg, rinfo, ctx) { ctx.reply(msg, rinfo); }\n");
        Files.writeString(root.resolve("echo.udp." + port + ".port.json"),
                "{\"rate\": {\"perSource\": \"100/s\", \"burst\": 200}}");
        // Two flooding threads on a 2-core machine take the cores the broker reads with; the rate still holds.
        floodAndMeasure(port, "source_rate", 0.95, 2);
    }

    @Test
    void withoutAManifestAFloodThatSaturatesTheHandlerLeavesOthersTheirShare() throws Exception {
        int port = FreePorts.next();
        // Slow on purpose (and GraalJS runs interpreter-only in tests): the flood saturates the handler.
        Files.writeString(root.resolve("echo.udp." + port + ".port.js"), """
                export function message(msg, rinfo, ctx) {
                  let h = 0;
                  for (let i = 0; i < 200; i++) h = (h * 31 + msg[i % msg.length]) | 0;
                  ctx.reply(msg, rinfo);
                }
                """);
        floodAndMeasure(port, "fair_share", SHARE_WITHOUT_MANIFEST, 1);
    }

    private void floodAndMeasure(int port, String reason, double share, int floodThreads) throws Exception {
        broker = Broker.builder(root).bindAddress(InetAddress.getLoopbackAddress()).engine("graal").build().start();
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong flooded = new AtomicLong();
        CountDownLatch flooding = new CountDownLatch(1);
        List<Thread> flooders = new ArrayList<>();
        for (int i = 0; i < floodThreads; i++) {
            Thread flooder = new Thread(() -> flood(target, stop, flooded, flooding), "flooder-" + i);
            flooder.start();
            flooders.add(flooder);
        }
        int answered;
        long refusedMeanwhile;
        long kernelDropped;
        try {
            assertTrue(flooding.await(10, TimeUnit.SECONDS), "the flooder started");
            // The claim is about a flood in progress, not the JVM's first second: wait until the broker has been
            // refusing the flood for a while (its drop path compiled), 5 s at most, then measure.
            long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (refused(port, reason) < 20_000 && System.nanoTime() < warm) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            long before = refused(port, reason);
            long kernelBefore = kernelDrops(port);
            answered = honestRequests(target);
            refusedMeanwhile = refused(port, reason) - before;
            kernelDropped = kernelDrops(port) - kernelBefore;
        } finally {
            stop.set(true);
            for (Thread flooder : flooders) {
                flooder.join(10_000);
            }
        }
        System.out.printf("udp flood: honest source answered %d of %d; flooder sent %d datagrams in all; while the honest "
                + "source was measured %d were refused (%s) and the kernel dropped %d at the broker's full socket%n", answered,
                HONEST_REQUESTS, flooded.get(), refusedMeanwhile, reason, kernelDropped);
        assertTrue(answered >= Math.ceil(HONEST_REQUESTS * share),
                "the honest source got " + answered + " of " + HONEST_REQUESTS + " answers");
        assertTrue(refusedMeanwhile > 10_000, "the flood went on while the honest source was measured and was "
                + "refused for " + reason + ": " + refusedMeanwhile + " datagrams");
    }

    /**
     * Datagrams Linux dropped at the broker's socket for a full receive buffer (/proc/net/udp and udp6: the socket is
     * dual-stack when the machine has IPv6); -1 elsewhere. For the log: it tells a kernel drop from a lost reply.
     */
    private static long kernelDrops(int port) {
        String local = String.format(":%04X", port);
        long drops = -1;
        for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 12 && f[1].endsWith(local) && f[2].matches("0+:0000")) {
                        drops = Math.max(drops, 0) + Long.parseLong(f[f.length - 1]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
        }
        return drops;
    }

    private long refused(int port, String reason) {
        return broker.refusals().getOrDefault("udp/" + port, Map.of()).getOrDefault(reason, 0L);
    }

    /** Sends as fast as one thread can from 127.0.0.2 until told to stop, or 60 s at most. */
    private static void flood(InetSocketAddress target, AtomicBoolean stop, AtomicLong sent, CountDownLatch started) {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            ch.connect(target);
            ByteBuffer junk = ByteBuffer.wrap("flood flood flood flood".getBytes(StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long n = 0;
            while (!stop.get() && System.nanoTime() < deadline) {
                junk.rewind();
                try {
                    ch.write(junk);
                } catch (IOException refusedByIcmp) {
                    // the broker's replies cannot reach us while our buffer is full; irrelevant to the flood
                }
                if (++n == 1_000) {
                    started.countDown();
                }
            }
            sent.addAndGet(n);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            started.countDown();
        }
    }

    /** Numbered requests from 127.0.0.3, one every 100 ms; returns how many were answered within 1 s each. */
    private static int honestRequests(InetSocketAddress target) throws IOException {
        int answered = 0;
        try (DatagramSocket honest = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0))) {
            long next = System.nanoTime();
            byte[] in = new byte[100];
            for (int i = 0; i < HONEST_REQUESTS; i++) {
                byte[] request = ("honest " + i).getBytes(StandardCharsets.UTF_8);
                honest.send(new DatagramPacket(request, request.length, target));
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (true) {
                    long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                    if (left <= 0) {
                        break;
                    }
                    honest.setSoTimeout((int) left);
                    DatagramPacket reply = new DatagramPacket(in, in.length);
                    try {
                        honest.receive(reply);
                    } catch (SocketTimeoutException lost) {
                        break;
                    }
                    if (new String(in, 0, reply.getLength(), StandardCharsets.UTF_8).equals("honest " + i)) {
                        answered++;
                        break;
                    }
                }
                // Pacing at 10 per second, not synchronisation: the next request goes out on its own schedule.
                next += TimeUnit.MILLISECONDS.toNanos(100);
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
        return answered;
    }
}
