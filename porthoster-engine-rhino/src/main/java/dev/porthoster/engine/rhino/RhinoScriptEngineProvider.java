package dev.porthoster.engine.rhino;

import dev.porthoster.api.spi.ScriptEngine;
import dev.porthoster.api.spi.ScriptEngineProvider;

/**
 * The Rhino engine, id {@code rhino}, priority 100 (GraalJS, at 200, is preferred when both are present). Not yet
 * implemented: {@link #create()} fails with a message saying so and what to use instead.
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
        throw new IllegalStateException("the Rhino engine is not available yet in this build of porthoster-engine-rhino; "
                + "use --engine graal (the default), or -Dporthoster.engine=graal");
    }
}
