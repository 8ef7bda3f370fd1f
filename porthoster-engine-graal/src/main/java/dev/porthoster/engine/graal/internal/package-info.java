/** GraalJS engine implementation: contexts, the confined file system, the host bridge. Not API. */
package dev.porthoster.engine.graal.internal;
