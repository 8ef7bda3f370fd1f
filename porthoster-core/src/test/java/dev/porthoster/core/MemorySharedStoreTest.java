package dev.porthoster.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.api.spi.StoreBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-memory store behind ctx.shared. */
class MemorySharedStoreTest {

    private final AtomicLong clock = new AtomicLong();
    private final StoreBackend store = SharedStores.inMemory(10_000, clock::get);

    private static <T> T join(java.util.concurrent.CompletionStage<T> s) {
        return s.toCompletableFuture().join();
    }

    @Test
    void concurrentIncrementsFromManyThreadsLoseNoUpdate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        join(store.increment("n", 1));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(Optional.of("20000"), join(store.get("n")));
    }

    @Test
    void ttlExpiresOnTheClock() {
        join(store.set("k", "\"v\"", 1_000));
        clock.set(999);
        assertTrue(join(store.has("k")));
        clock.set(1_000);
        assertFalse(join(store.has("k")));
        assertEquals(List.of(), join(store.keys("")));
    }

    @Test
    void writePastTheCapIsRejectedWithTheFix() {
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> join(store.set("big", "x".repeat(10_000), 0)));
        assertTrue(e.getCause().getMessage().contains("shared store is full"), e.getCause().getMessage());
        join(store.set("small", "1", 0));
        assertEquals(Optional.of("1"), join(store.get("small")), "the store still works after a refused write");
    }

    @Test
    void compareAndSetSwapsOnlyOnTheExpectedValue() {
        assertTrue(join(store.compareAndSet("k", Optional.empty(), Optional.of("1"))));
        assertFalse(join(store.compareAndSet("k", Optional.empty(), Optional.of("2"))));
        assertTrue(join(store.compareAndSet("k", Optional.of("1"), Optional.of("3"))));
        assertEquals(Optional.of("3"), join(store.get("k")));
        assertTrue(join(store.compareAndSet("k", Optional.of("3"), Optional.empty())));
        assertFalse(join(store.has("k")));
    }

    @Test
    void incrementOfANonIntegerFailsClearly() {
        join(store.set("s", "\"text\"", 0));
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> join(store.increment("s", 1)));
        assertTrue(e.getCause().getMessage().contains("does not hold an integer"));
    }

    @Test
    void unsubscribeStopsDelivery() {
        List<String> got = new ArrayList<>();
        Runnable off = store.subscribe("c", got::add);
        assertEquals(1, join(store.publish("c", "a")));
        off.run();
        off.run();
        assertEquals(0, join(store.publish("c", "b")));
        assertEquals(List.of("a"), got);
    }
}
