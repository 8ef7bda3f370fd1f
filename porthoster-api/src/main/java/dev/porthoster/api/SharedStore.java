package dev.porthoster.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The broker-wide store behind a script's {@code ctx.shared}, with typed values. Nothing live is shared: every value
 * is copied in and out, so a Java handler, a JavaScript handler and the embedding application see the same values.
 *
 * <p>Values map between JavaScript and Java like this, both ways:
 * <table>
 *   <caption>Store values</caption>
 *   <tr><th>JavaScript</th><th>Java</th></tr>
 *   <tr><td>string</td><td>{@link String}</td></tr>
 *   <tr><td>number</td><td>{@link Long} when integral and within ±2<sup>53</sup>, else {@link Double} (any {@link Number}
 *       may be stored)</td></tr>
 *   <tr><td>boolean</td><td>{@link Boolean}</td></tr>
 *   <tr><td>null</td><td>{@link #NULL}</td></tr>
 *   <tr><td>array</td><td>{@link List} of values</td></tr>
 *   <tr><td>plain object</td><td>{@link java.util.Map Map}{@code <String, Object>} of values, in insertion order</td></tr>
 *   <tr><td>{@code Buffer} / {@code Uint8Array}</td><td>{@code byte[]}</td></tr>
 * </table>
 * Anything else (a Java object of another type, {@code undefined}, a BigInt, a function) is refused with an
 * {@link IllegalArgumentException}. Every operation is asynchronous, so a networked store is a drop-in replacement;
 * completions may arrive on any thread.
 */
public interface SharedStore {

    /** JSON's {@code null} as a store value (a {@link List} or {@link java.util.Map Map} never holds Java null). */
    Object NULL = Null.NULL;

    /** The value under {@code key}, if present and not expired. */
    CompletionStage<Optional<Object>> get(String key);

    /** Stores {@code value}; a zero {@code ttl} means no expiry. Fails when the store's memory cap would be passed. */
    CompletionStage<Void> set(String key, Object value, Duration ttl);

    /** Stores {@code value} with no expiry. */
    default CompletionStage<Void> set(String key, Object value) {
        return set(key, value, Duration.ZERO);
    }

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
    CompletionStage<Boolean> compareAndSet(String key, Optional<Object> expected, Optional<Object> value);

    /** Delivers {@code message} to every subscriber of {@code channel}; completes with how many there were. */
    CompletionStage<Integer> publish(String channel, Object message);

    /**
     * Calls {@code listener} (on any thread) with every message later published on {@code channel}.
     *
     * @return undoes the subscription; idempotent
     */
    Runnable subscribe(String channel, Consumer<Object> listener);

    /** The type of {@link #NULL}. */
    enum Null {
        /** JSON's null. */
        NULL;

        @Override
        public String toString() {
            return "null";
        }
    }
}
