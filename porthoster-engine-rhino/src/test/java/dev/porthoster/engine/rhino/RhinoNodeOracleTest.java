package dev.porthoster.engine.rhino;

import dev.porthoster.engine.tck.NodeOracleKit;

/** Rhino gives the transcripts Node gives, over real sockets (the differential oracle). */
class RhinoNodeOracleTest extends NodeOracleKit {
    @Override
    protected String engineId() {
        return "rhino";
    }
}
