/**
 * The engine conformance kit: the behaviour every script engine must show, as a JUnit Jupiter suite an engine's
 * test extends. Kept apart from the testkit (as JUnit keeps its EngineTestKit apart), so that handler tests need no
 * particular test framework.
 */
module dev.porthoster.engine.tck {
    requires transitive dev.porthoster.testkit;
    requires transitive org.junit.jupiter.api;

    exports dev.porthoster.engine.tck;
    // JUnit calls the kit's package-private test methods reflectively.
    opens dev.porthoster.engine.tck to org.junit.platform.commons;
}
