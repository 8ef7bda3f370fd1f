package dev.porthoster.core;

import dev.porthoster.api.spi.StoreBackend;
import dev.porthoster.core.internal.MemorySharedStore;
import java.util.function.LongSupplier;

/** Ready-made {@link StoreBackend}s. */
public final class SharedStores {

    private SharedStores() {
    }

    /**
     * An in-memory store holding at most {@code capBytes} of keys and values (two bytes per character plus a small
     * overhead per entry); a write past the cap fails with a message saying so.
     *
     * @param clockMillis the clock for ttl expiry, e.g. a test's virtual clock
     */
    public static StoreBackend inMemory(long capBytes, LongSupplier clockMillis) {
        return new MemorySharedStore(capBytes, clockMillis);
    }
}
