/**
 * Test a handler file without opening a port: a fake screened connection or datagram source on a virtual-clock
 * event loop. It depends on no test framework; the engine conformance kit, a JUnit suite, is
 * {@code dev.porthoster.engine.tck}.
 */
module dev.porthoster.testkit {
    requires transitive dev.porthoster.api;
    requires transitive dev.porthoster.core;

    exports dev.porthoster.testkit;
}
