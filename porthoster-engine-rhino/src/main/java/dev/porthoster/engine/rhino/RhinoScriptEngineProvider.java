package dev.porthoster.engine.rhino;

import dev.porthoster.api.spi.ScriptEngine;
import dev.porthoster.engine.rhino.internal.RhinoScriptEngine;
import dev.porthoster.api.spi.ScriptEngineProvider;

/**
 * The Rhino engine, id {@code rhino}, priority 100 (GraalJS, at 200, is preferred when both are present). Pure Java,
 * interpreted; see {@code docs/engines.md} for what it runs and what it refuses.
 */
public final class RhinoScriptEngineProvider implements ScriptEngineProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public RhinoScriptEngineProvider() {
    }

    @Override
    public String id() {
        return "rhino";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public ScriptEngine create() {
        return new RhinoScriptEngine();
    }
}
