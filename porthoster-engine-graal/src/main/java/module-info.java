/**
 * Runs Porthoster handler modules on GraalJS through the polyglot API. Exports nothing but its provider; put this
 * module on the module path (or its jar on the class path) and the broker finds it.
 */
module dev.porthoster.engine.graal {
    requires dev.porthoster.api;
    requires dev.porthoster.js;
    requires org.graalvm.polyglot;
    // Truffle's instrument API, for the one thing the polyglot API lacks: the heap a context retains.
    requires org.graalvm.truffle;

    exports dev.porthoster.engine.graal;

    provides dev.porthoster.api.spi.ScriptEngineProvider with dev.porthoster.engine.graal.GraalScriptEngineProvider;
    provides com.oracle.truffle.api.instrumentation.provider.TruffleInstrumentProvider
            with dev.porthoster.engine.graal.internal.ContextHeapInstrumentProvider;
}
