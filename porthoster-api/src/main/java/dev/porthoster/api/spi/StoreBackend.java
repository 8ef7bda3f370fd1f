package dev.porthoster.api.spi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The broker-wide store behind {@code ctx.shared}. Values cross it as encoded text (the engine's prelude encodes
 * JSON-like values and byte arrays), so nothing live is ever shared between handler instances. Every operation is
 * asynchronous so that a networked backend is a drop-in replacement; completions may arrive on any thread and the
 * engine hops back to its loop.
 */
public interface StoreBackend {

    /** The encoded value under {@code key}, if present and not expired. */
    CompletionStage<Optional<String>> get(String key);

    /** Stores {@code value}; {@code ttlMillis <= 0} means no expiry. Fails when the store's memory cap would be passed. */
    CompletionStage<Void> set(String key, String value, long ttlMillis);

    /** Removes {@code key}; completes with whether it was present. */
    CompletionStage<Boolean> delete(String key);

    /** Whether {@code key} is present and not expired. */
    CompletionStage<Boolean> has(String key);

    /** The present keys starting with {@code prefix}, sorted. */
    CompletionStage<List<String>> keys(String prefix);

    /** Adds {@code by} to the integer under {@code key} (absent counts as 0) and completes with the new value. */
    CompletionStage<Long> increment(String key, long by);

    /**
     * Sets {@code key} to {@code value} only if its current value equals {@code expected} (absent matches
     * {@link Optional#empty()}); an empty {@code value} deletes. Completes with whether it was set.
     */
    CompletionStage<Boolean> compareAndSet(String key, Optional<String> expected, Optional<String> value);

    /** Delivers {@code message} to every subscriber of {@code channel}; completes with how many there were. */
    CompletionStage<Integer> publish(String channel, String message);

    /**
     * Calls {@code listener} (on any thread) with every message later published on {@code channel}.
     *
     * @return undoes the subscription; idempotent
     */
    Runnable subscribe(String channel, Consumer<String> listener);
}
