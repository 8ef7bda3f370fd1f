package dev.porthoster.core.internal;

import dev.porthoster.api.SharedStore;
import dev.porthoster.api.spi.StoreBackend;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** The typed {@link SharedStore} over a {@link StoreBackend}, encoding values as scripts do ({@link StoreValues}). */
public final class TypedSharedStore implements SharedStore {

    private final StoreBackend backend;

    public TypedSharedStore(StoreBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    @Override
    public CompletionStage<Optional<Object>> get(String key) {
        return backend.get(checked(key)).thenApply(text -> text.map(StoreValues::decode));
    }

    @Override
    public CompletionStage<Void> set(String key, Object value, Duration ttl) {
        if (ttl.isNegative()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("ttl " + ttl + " is negative"));
        }
        try {
            return backend.set(checked(key), StoreValues.encode(value), ttl.toMillis());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Boolean> delete(String key) {
        return backend.delete(checked(key));
    }

    @Override
    public CompletionStage<Boolean> has(String key) {
        return backend.has(checked(key));
    }

    @Override
    public CompletionStage<List<String>> keys(String prefix) {
        return backend.keys(Objects.requireNonNull(prefix, "prefix"));
    }

    @Override
    public CompletionStage<Long> increment(String key, long by) {
        return backend.increment(checked(key), by);
    }

    @Override
    public CompletionStage<Boolean> compareAndSet(String key, Optional<Object> expected, Optional<Object> value) {
        try {
            return backend.compareAndSet(checked(key), expected.map(StoreValues::encode),
                    value.map(StoreValues::encode));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Integer> publish(String channel, Object message) {
        try {
            return backend.publish(checked(channel), StoreValues.encode(message));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public Runnable subscribe(String channel, Consumer<Object> listener) {
        Objects.requireNonNull(listener, "listener");
        return backend.subscribe(checked(channel), text -> listener.accept(StoreValues.decode(text)));
    }

    private static String checked(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a store key or channel must be a non-empty string");
        }
        return key;
    }
}
