package dev.porthoster.engine.graal.internal;

import dev.porthoster.api.spi.SharedStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

/** Maps the prelude's {@code host.store(op, a, b, c, ...)} onto {@link SharedStore}, results as JS-ready values. */
final class StoreCalls {

    private StoreCalls() {
    }

    static CompletionStage<Object> call(SharedStore store, String op, Value a, Value b, Value c) {
        try {
            return switch (op) {
                case "get" -> store.get(a.asString()).thenApply(v -> v.orElse(null));
                case "set" -> store.set(a.asString(), b.asString(), c.asLong()).thenApply(v -> null);
                case "delete" -> store.delete(a.asString()).thenApply(v -> v);
                case "has" -> store.has(a.asString()).thenApply(v -> v);
                case "keys" -> store.keys(a.asString()).thenApply(k -> ProxyArray.fromList(java.util.List.copyOf(k)));
                case "increment" -> store.increment(a.asString(), b.asLong()).thenApply(v -> v);
                case "compareAndSet" -> store.compareAndSet(a.asString(), optional(b), optional(c)).thenApply(v -> v);
                case "publish" -> store.publish(a.asString(), b.asString()).thenApply(v -> v);
                default -> CompletableFuture.failedFuture(new IllegalArgumentException("unknown store operation " + op));
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Optional<String> optional(Value v) {
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asString());
    }
}
