/**
 * Runs Porthoster handler modules on GraalJS through the polyglot API. Exports nothing but its provider; put this
 * module on the module path (or its jar on the class path) and the broker finds it.
 */
module dev.porthoster.engine.graal {
    requires dev.porthoster.api;
    requires dev.porthoster.js;
    requires org.graalvm.polyglot;

    exports dev.porthoster.engine.graal;

    provides dev.porthoster.api.spi.ScriptEngineProvider with dev.porthoster.engine.graal.GraalScriptEngineProvider;
}
