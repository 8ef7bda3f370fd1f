package dev.porthoster.engine.graal;

import dev.porthoster.engine.tck.EngineConformanceKit;

/** GraalJS passes the engine conformance kit. */
class GraalConformanceTest extends EngineConformanceKit {
    @Override
    protected String engineId() {
        return "graal";
    }
}
