package dev.porthoster.js;

import dev.porthoster.api.spi.ScriptEngine;
import dev.porthoster.api.spi.ScriptEngineProvider;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A script engine's provider, written once: an engine's public provider extends this with its id, priority and
 * constructor, and keeps the public no-argument constructor {@link java.util.ServiceLoader} needs.
 */
public abstract class ScriptEngineProviderBase implements ScriptEngineProvider {

    private final String id;
    private final int priority;
    private final Supplier<? extends ScriptEngine> engines;

    /**
     * @param id       what users type to choose the engine ({@code --engine ID})
     * @param priority higher wins when no engine is chosen explicitly
     * @param engines  makes one engine per call of {@link #create()}
     */
    protected ScriptEngineProviderBase(String id, int priority, Supplier<? extends ScriptEngine> engines) {
        this.id = Objects.requireNonNull(id, "id");
        this.priority = priority;
        this.engines = Objects.requireNonNull(engines, "engines");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final int priority() {
        return priority;
    }

    @Override
    public final ScriptEngine create() {
        return engines.get();
    }
}
