/**
 * Runs Porthoster handler modules on Mozilla Rhino. Handlers are rewritten into the dialect Rhino parses (modules,
 * classes and async functions included) without moving a line; what cannot be rewritten is refused at load time with
 * its file and line. Exports nothing but its provider.
 */
module dev.porthoster.engine.rhino {
    requires dev.porthoster.api;
    requires dev.porthoster.js;
    requires org.mozilla.rhino;

    exports dev.porthoster.engine.rhino;

    provides dev.porthoster.api.spi.ScriptEngineProvider with dev.porthoster.engine.rhino.RhinoScriptEngineProvider;
}
