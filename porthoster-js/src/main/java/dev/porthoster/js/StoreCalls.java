package dev.porthoster.js;

import dev.porthoster.api.spi.StoreBackend;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The prelude's {@code host.store(op, a, b, c, ...)} mapped onto a {@link StoreBackend}, once for every engine. An
 * engine adapts its script values to {@link Arg} and converts the plain results back: {@code String} or
 * {@code null}, {@code Boolean}, {@code Long}, or a {@code List<String>} for {@code keys}.
 */
public final class StoreCalls {

    /** One argument as the engine received it from script. */
    public interface Arg {
        /** The value as text. */
        String text();

        /** The value as a whole number. */
        long number();

        /** Whether the script passed {@code null} or {@code undefined}. */
        boolean absent();
    }

    private StoreCalls() {
    }

    /** Runs operation {@code op}; a bad argument or unknown operation completes exceptionally, never throws. */
    public static CompletionStage<Object> call(StoreBackend store, String op, Arg a, Arg b, Arg c) {
        try {
            return switch (op) {
                case "get" -> store.get(a.text()).thenApply(v -> v.orElse(null));
                case "set" -> store.set(a.text(), b.text(), c.number()).thenApply(v -> null);
                case "delete" -> store.delete(a.text()).thenApply(v -> v);
                case "has" -> store.has(a.text()).thenApply(v -> v);
                case "keys" -> store.keys(a.text()).thenApply(k -> List.copyOf(k));
                case "increment" -> store.increment(a.text(), b.number()).thenApply(v -> v);
                case "compareAndSet" -> store.compareAndSet(a.text(), optional(b), optional(c)).thenApply(v -> v);
                case "publish" -> store.publish(a.text(), b.text()).thenApply(v -> v);
                default -> CompletableFuture.failedFuture(new IllegalArgumentException("unknown store operation " + op));
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Optional<String> optional(Arg v) {
        return v == null || v.absent() ? Optional.empty() : Optional.of(v.text());
    }
}
