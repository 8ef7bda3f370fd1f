/**
 * What every Porthoster script engine shares, written once so that two engines cannot drift apart. For now: the
 * module rules, {@link dev.porthoster.js.ModuleRules}, which decide what a handler may import and read it within
 * bounds of size and time.
 */
module dev.porthoster.js {
    requires transitive dev.porthoster.api;

    exports dev.porthoster.js;
}
