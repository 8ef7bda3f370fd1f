package dev.porthoster.engine.graal;

import dev.porthoster.engine.tck.NodeOracleKit;

/** GraalJS gives the transcripts Node gives, over real sockets (the differential oracle). */
class GraalNodeOracleTest extends NodeOracleKit {
    @Override
    protected String engineId() {
        return "graal";
    }
}
