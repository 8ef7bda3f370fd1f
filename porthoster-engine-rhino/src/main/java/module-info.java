/**
 * The Rhino script engine for Porthoster. In this build it is present so that engine selection can name it, and it
 * reports clearly that it is not available yet; the GraalJS engine serves handlers.
 */
module dev.porthoster.engine.rhino {
    requires dev.porthoster.api;

    exports dev.porthoster.engine.rhino;

    provides dev.porthoster.api.spi.ScriptEngineProvider with dev.porthoster.engine.rhino.RhinoScriptEngineProvider;
}
