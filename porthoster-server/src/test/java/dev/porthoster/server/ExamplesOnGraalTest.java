package dev.porthoster.server;

/** The protocol examples with their real clients, on GraalJS. */
class ExamplesOnGraalTest extends ExamplesWithRealClients {
    ExamplesOnGraalTest() {
        super("graal");
    }
}
