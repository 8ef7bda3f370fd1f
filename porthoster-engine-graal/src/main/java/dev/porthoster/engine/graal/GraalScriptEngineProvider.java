package dev.porthoster.engine.graal;

import dev.porthoster.engine.graal.internal.GraalScriptEngine;
import dev.porthoster.js.ScriptEngineProviderBase;

/** Provides the GraalJS engine, id {@code graal}: the default when present (priority 200). */
public final class GraalScriptEngineProvider extends ScriptEngineProviderBase {

    /** Called by {@link java.util.ServiceLoader}. */
    public GraalScriptEngineProvider() {
        super("graal", 200, GraalScriptEngine::new);
    }
}
