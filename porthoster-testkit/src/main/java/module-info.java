/**
 * Test a handler file without opening a port: a fake screened connection or datagram source on a virtual-clock
 * event loop, and the engine conformance kit every script engine must pass.
 */
module dev.porthoster.testkit {
    requires transitive dev.porthoster.api;
    requires transitive dev.porthoster.core;
    requires transitive org.junit.jupiter.api;

    exports dev.porthoster.testkit;
}
