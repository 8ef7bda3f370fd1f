/**
 * The Porthoster broker: filename grammar, content-root plan, access manifests and screening, handler lifecycle and
 * the in-memory shared store. Finds script engines and transports with {@link java.util.ServiceLoader}.
 */
module dev.porthoster.core {
    requires transitive dev.porthoster.api;
    requires tools.jackson.databind;
    // Heap and per-thread allocation figures for the memory guard.
    requires java.management;
    requires jdk.management;

    exports dev.porthoster.core;
    exports dev.porthoster.core.plan;
    exports dev.porthoster.core.manifest;
    // The testkit screens fake connections exactly as the broker screens real ones, through this exported type only.
    exports dev.porthoster.core.screen;

    uses dev.porthoster.api.spi.ScriptEngineProvider;
    uses dev.porthoster.api.spi.TransportProvider;
}
