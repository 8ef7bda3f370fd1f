package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits, with a bound, for something a test can observe. Polls every few milliseconds rather than spinning: on a
 * 2-core machine a spinning test takes a core from the broker it is waiting for.
 */
public final class Await {

    private Await() {
    }

    /** Returns as soon as {@code condition} holds; fails after {@code seconds} with {@code seen} in the message. */
    public static void until(BooleanSupplier condition, int seconds, Supplier<?> seen) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertTrue(condition.getAsBoolean(), () -> "waited " + seconds + " s; saw: " + seen.get());
    }
}
