/**
 * {@link dev.porthoster.engine.tck.EngineConformanceKit}: extend it in an engine's tests, return the engine's id from
 * {@code engineId()}, and JUnit runs every case on that engine through the testkit.
 */
package dev.porthoster.engine.tck;
