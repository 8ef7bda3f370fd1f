/** The GraalJS script engine provider. Everything else of this module is internal. */
package dev.porthoster.engine.graal;
