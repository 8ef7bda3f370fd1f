package dev.porthoster.core.internal;

import dev.porthoster.api.spi.StoreBackend;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The broker's in-memory store. Every operation is atomic per key (a {@link ConcurrentHashMap} compute), so handlers
 * on different loops never lose an update. Memory is accounted as two bytes per character of key and value; a write
 * that would pass the cap fails instead of growing the heap.
 */
public final class MemorySharedStore implements StoreBackend {

    private record Entry(String value, long expiresAtMillis) {
        boolean expired(long now) {
            return expiresAtMillis > 0 && now >= expiresAtMillis;
        }
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<Consumer<String>>> channels = new ConcurrentHashMap<>();
    private final AtomicLong usedBytes = new AtomicLong();
    private final long capBytes;
    private final LongSupplier clock;

    /**
     * @param capBytes the most memory values and keys may take, in bytes
     * @param clock    milliseconds, for expiry
     */
    public MemorySharedStore(long capBytes, LongSupplier clock) {
        this.capBytes = capBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Bytes currently accounted to keys and values. */
    public long usedBytes() {
        return usedBytes.get();
    }

    private static long cost(String key, String value) {
        return 2L * (key.length() + value.length()) + 48;
    }

    private Entry live(String key) {
        Entry e = entries.get(key);
        if (e != null && e.expired(clock.getAsLong())) {
            if (entries.remove(key, e)) {
                usedBytes.addAndGet(-cost(key, e.value()));
            }
            return null;
        }
        return e;
    }

    @Override
    public CompletionStage<Optional<String>> get(String key) {
        Entry e = live(key);
        return CompletableFuture.completedFuture(e == null ? Optional.empty() : Optional.of(e.value()));
    }

    @Override
    public CompletionStage<Void> set(String key, String value, long ttlMillis) {
        try {
            long expires = ttlMillis > 0 ? clock.getAsLong() + ttlMillis : 0;
            entries.compute(key, (k, old) -> {
                long delta = cost(k, value) - (old == null ? 0 : cost(k, old.value()));
                reserve(delta, k);
                return new Entry(value, expires);
            });
            return CompletableFuture.completedFuture(null);
        } catch (StoreFullException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void reserve(long delta, String key) {
        long now = usedBytes.addAndGet(delta);
        if (delta > 0 && now > capBytes) {
            usedBytes.addAndGet(-delta);
            throw new StoreFullException("shared store is full (" + capBytes + " bytes); cannot store '" + key
                    + "': delete keys, set a ttl, or raise the store's memory cap");
        }
    }

    @Override
    public CompletionStage<Boolean> delete(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            usedBytes.addAndGet(-cost(key, old.value()));
        }
        return CompletableFuture.completedFuture(old != null && !old.expired(clock.getAsLong()));
    }

    @Override
    public CompletionStage<Boolean> has(String key) {
        return CompletableFuture.completedFuture(live(key) != null);
    }

    @Override
    public CompletionStage<List<String>> keys(String prefix) {
        long now = clock.getAsLong();
        List<String> keys = entries.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && !e.getValue().expired(now))
                .map(Map.Entry::getKey).sorted().toList();
        return CompletableFuture.completedFuture(keys);
    }

    @Override
    public CompletionStage<Long> increment(String key, long by) {
        long[] result = new long[1];
        try {
            long now = clock.getAsLong();
            entries.compute(key, (k, old) -> {
                Entry current = old == null || old.expired(now) ? null : old;
                long value;
                try {
                    value = current == null ? 0 : Long.parseLong(current.value());
                } catch (NumberFormatException e) {
                    throw new StoreTypeException("shared.increment: '" + k + "' does not hold an integer");
                }
                result[0] = Math.addExact(value, by);
                String text = Long.toString(result[0]);
                reserve(cost(k, text) - (old == null ? 0 : cost(k, old.value())), k);
                return new Entry(text, current == null ? 0 : current.expiresAtMillis());
            });
            return CompletableFuture.completedFuture(result[0]);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e instanceof ArithmeticException
                    ? new StoreTypeException("shared.increment: '" + key + "' would overflow a 64-bit integer") : e);
        }
    }

    @Override
    public CompletionStage<Boolean> compareAndSet(String key, Optional<String> expected, Optional<String> value) {
        boolean[] swapped = new boolean[1];
        try {
            long now = clock.getAsLong();
            entries.compute(key, (k, old) -> {
                Entry current = old == null || old.expired(now) ? null : old;
                Optional<String> actual = current == null ? Optional.empty() : Optional.of(current.value());
                if (!actual.equals(expected)) {
                    return old;
                }
                long oldCost = old == null ? 0 : cost(k, old.value());
                swapped[0] = true;
                if (value.isEmpty()) {
                    usedBytes.addAndGet(-oldCost);
                    return null;
                }
                reserve(cost(k, value.get()) - oldCost, k);
                return new Entry(value.get(), 0);
            });
            return CompletableFuture.completedFuture(swapped[0]);
        } catch (StoreFullException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Integer> publish(String channel, String message) {
        List<Consumer<String>> subscribers = channels.getOrDefault(channel, List.of());
        for (Consumer<String> s : subscribers) {
            s.accept(message);
        }
        return CompletableFuture.completedFuture(subscribers.size());
    }

    @Override
    public Runnable subscribe(String channel, Consumer<String> listener) {
        // A wrapper per subscription, so the same listener subscribed twice is removed once per undo.
        Consumer<String> subscription = listener::accept;
        channels.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscription);
        return () -> channels.computeIfPresent(channel, (c, list) -> {
            list.remove(subscription);
            return list.isEmpty() ? null : list;
        });
    }

    /** A write would pass the memory cap. */
    public static final class StoreFullException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreFullException(String message) {
            super(message, null, false, false);
        }
    }

    /** An operation met a value of the wrong kind. */
    public static final class StoreTypeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreTypeException(String message) {
            super(message, null, false, false);
        }
    }
}
