package dev.porthoster.engine.rhino;

import dev.porthoster.engine.rhino.internal.RhinoScriptEngine;
import dev.porthoster.js.ScriptEngineProviderBase;

/**
 * The Rhino engine, id {@code rhino}, priority 100 (GraalJS, at 200, is preferred when both are present). Pure Java,
 * compiled to JVM bytecode; see {@code docs/engines.md} for what it runs and what it refuses.
 */
public final class RhinoScriptEngineProvider extends ScriptEngineProviderBase {

    /** Called by {@link java.util.ServiceLoader}. */
    public RhinoScriptEngineProvider() {
        super("rhino", 100, RhinoScriptEngine::new);
    }
}
