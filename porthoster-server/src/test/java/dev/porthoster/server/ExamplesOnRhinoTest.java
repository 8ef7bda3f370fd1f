package dev.porthoster.server;

/** The protocol examples with their real clients, on Rhino. */
class ExamplesOnRhinoTest extends ExamplesWithRealClients {
    ExamplesOnRhinoTest() {
        super("rhino");
    }
}
