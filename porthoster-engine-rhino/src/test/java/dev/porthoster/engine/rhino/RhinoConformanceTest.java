package dev.porthoster.engine.rhino;

import dev.porthoster.engine.tck.EngineConformanceKit;

/** Rhino passes the same engine conformance kit as GraalJS. */
class RhinoConformanceTest extends EngineConformanceKit {
    @Override
    protected String engineId() {
        return "rhino";
    }
}
