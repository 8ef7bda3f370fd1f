package dev.porthoster.js.spi;

/**
 * A Java operation offered to script as a function (see {@link ScriptContext#function}). It runs on the instance's
 * loop, inside a callback. A {@link RuntimeException} out of it reaches script as the JavaScript error
 * {@link dev.porthoster.js.ScriptErrors} names; the engine does that translation, and checks the stack has room first.
 */
@FunctionalInterface
public interface HostOperation {

    /**
     * Runs the operation.
     *
     * @return a value for script, of a type {@link ScriptContext#toScript} accepts
     */
    Object apply(Arguments arguments);
}
