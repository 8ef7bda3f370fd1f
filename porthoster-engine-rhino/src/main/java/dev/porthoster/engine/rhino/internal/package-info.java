/** The Rhino engine's implementation; not exported. */
package dev.porthoster.engine.rhino.internal;
