package dev.porthoster.core.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.porthoster.core.internal.runtime.Screen.Reason;
import dev.porthoster.core.manifest.ManifestParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copies of a handler ({@code instances: N}) screen on their own loops against one screen, so its caps and rate
 * buckets stay exact for the port as a whole when copies screen at the same moment: threads released together by a
 * barrier, round after round, play the copies' loops.
 */
class ScreenAcrossCopiesTest {

    private static final int COPIES = 4;
    private static final int ROUNDS = 200;

    @TempDir
    Path root;

    private final ExecutorService loops = Executors.newFixedThreadPool(COPIES);

    @AfterEach
    void stop() {
        loops.shutdownNow();
    }

    private Screen screen(String json) throws Exception {
        Path p = root.resolve("s.tcp.7000.port.json");
        Files.writeString(p, json);
        return new Screen(ManifestParser.parse(p), () -> 1_000);
    }

    /** Runs {@code attempt} on every "copy" at once, {@code perCopy} times each; returns how many passed. */
    private int atOnce(int perCopy, IntSupplier attempt) throws Exception {
        CyclicBarrier start = new CyclicBarrier(COPIES);
        AtomicInteger passed = new AtomicInteger();
        Future<?>[] running = new Future<?>[COPIES];
        for (int c = 0; c < COPIES; c++) {
            running[c] = loops.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                for (int i = 0; i < perCopy; i++) {
                    passed.addAndGet(attempt.getAsInt());
                }
                return null;
            });
        }
        for (Future<?> f : running) {
            f.get(30, TimeUnit.SECONDS);
        }
        return passed.get();
    }

    @Test
    void aSourcesConnectionCapHoldsExactlyWhenEveryCopyAdmitsAtOnce() throws Exception {
        Screen s = screen("{\"connections\": {\"max\": 1000, \"perSource\": 3}}");
        InetAddress source = InetAddress.getByName("192.0.2.7");
        for (int round = 0; round < ROUNDS; round++) {
            int admitted = atOnce(2, () -> s.admitConnection(source).isEmpty() ? 1 : 0);
            assertEquals(3, admitted, "round " + round + ": perSource 3 over " + COPIES + " copies");
            assertEquals(3, s.openConnections());
            for (int i = 0; i < 3; i++) {
                s.closed(source);
            }
            assertEquals(0, s.openConnections(), "every close counted");
        }
        assertEquals((long) ROUNDS * (COPIES * 2 - 3), s.refusals().get(Reason.SOURCE_CONNECTION_CAP));
    }

    @Test
    void thePortsConnectionCapHoldsExactlyAcrossCopiesAndSources() throws Exception {
        Screen s = screen("{\"connections\": {\"max\": 5, \"perSource\": 5}}");
        AtomicInteger next = new AtomicInteger();
        int admitted = atOnce(10, () -> {
            try {
                InetAddress a = InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) (next.incrementAndGet() % 200)});
                return s.admitConnection(a).isEmpty() ? 1 : 0;
            } catch (java.net.UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        });
        assertEquals(5, admitted);
        assertEquals(5, s.openConnections());
    }

    @Test
    void aSourcesRateBucketHandsOutExactlyItsBurstAcrossCopies() throws Exception {
        // The clock stands still: no token comes back, so exactly the burst passes, whichever copy asks.
        Screen s = screen("{\"rate\": {\"perSource\": \"1/m\", \"burst\": 7, \"global\": \"1000/s\"}}");
        InetAddress source = InetAddress.getByName("192.0.2.8");
        FairShare[] shares = new FairShare[COPIES];
        for (int c = 0; c < COPIES; c++) {
            shares[c] = s.newFairShare();
        }
        AtomicInteger copy = new AtomicInteger();
        ThreadLocal<FairShare> mine = ThreadLocal.withInitial(() -> shares[copy.getAndIncrement() % COPIES]);
        int passed = atOnce(50, () -> s.admitDatagram(source, mine.get()).isEmpty() ? 1 : 0);
        assertEquals(7, passed);
        assertEquals(COPIES * 50 - 7, s.refusals().get(Reason.SOURCE_RATE));
    }

    @Test
    void theRecentPeersOfAPortAreOneRecordWhicheverCopyHeardThem() throws Exception {
        RecentPeers peers = new RecentPeers(60_000, 64);
        AtomicInteger port = new AtomicInteger(10_000);
        atOnce(100, () -> {
            peers.heard(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.incrementAndGet()), 5);
            return 1;
        });
        assertEquals(64, peers.size(), "bounded for the port, not per copy");
        assertEquals(Optional.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port.get())),
                peers.recent(InetAddress.getLoopbackAddress(), port.get(), 6));
    }
}
