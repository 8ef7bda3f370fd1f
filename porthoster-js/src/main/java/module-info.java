/**
 * What every Porthoster script engine shares, written once so that two engines cannot drift apart: the handler
 * lifecycle ({@link dev.porthoster.js.ScriptHandlerInstance}) over a small per-engine bridge
 * ({@link dev.porthoster.js.spi.ScriptContext}), the JavaScript prelude ({@link dev.porthoster.js.Prelude}), the
 * translation of Java failures into JavaScript errors ({@link dev.porthoster.js.ScriptErrors}), the shared-store calls
 * ({@link dev.porthoster.js.StoreCalls}) and the module rules ({@link dev.porthoster.js.ModuleRules}), which decide
 * what a handler may import and read it within bounds of size and time. For engine authors; handler authors and
 * embedding applications never need it.
 */
module dev.porthoster.js {
    requires transitive dev.porthoster.api;

    exports dev.porthoster.js;
    exports dev.porthoster.js.spi;
}
