package dev.porthoster.engine.graal;

import dev.porthoster.api.spi.ScriptEngine;
import dev.porthoster.api.spi.ScriptEngineProvider;
import dev.porthoster.engine.graal.internal.GraalScriptEngine;

/** Provides the GraalJS engine, id {@code graal}: the default when present (priority 200). */
public final class GraalScriptEngineProvider implements ScriptEngineProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public GraalScriptEngineProvider() {
    }

    @Override
    public String id() {
        return "graal";
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public ScriptEngine create() {
        return new GraalScriptEngine();
    }
}
