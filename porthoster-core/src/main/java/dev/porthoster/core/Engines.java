package dev.porthoster.core;

import dev.porthoster.api.spi.ScriptEngineProvider;
import dev.porthoster.core.internal.Providers;
import java.util.Optional;

/** Finds script engines on the module path or class path. */
public final class Engines {

    private Engines() {
    }

    /**
     * The engine provider named {@code id} ({@code graal}, {@code rhino}), or when empty the one named by the system
     * property {@code porthoster.engine}, else the highest priority present.
     *
     * @throws IllegalStateException naming the module to add when none (or not the one asked for) is present
     */
    public static ScriptEngineProvider select(Optional<String> id) {
        return Providers.engine(id);
    }
}
