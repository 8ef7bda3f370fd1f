package dev.porthoster.js;

/**
 * A call into script ended without returning: an error no script caught, or a stop of the running callback (the
 * watchdog, the memory guard). Its message is the error as the log shows it, in JavaScript's terms
 * ({@code TypeError: x is not a function}), never a Java class name.
 */
public final class ScriptFailure extends Exception {

    private final boolean interrupted;

    private ScriptFailure(String message, boolean interrupted) {
        super(message, null, false, false);
        this.interrupted = interrupted;
    }

    /** An error no script caught, described as JavaScript would. */
    public static ScriptFailure uncaught(String description) {
        return new ScriptFailure(description, false);
    }

    /** The callback was stopped from outside ({@link dev.porthoster.js.spi.ScriptContext#interrupt()}). */
    public static ScriptFailure interrupted() {
        return new ScriptFailure("the callback was stopped", true);
    }

    /** Whether the callback was stopped from outside rather than failing on its own. */
    public boolean isInterrupted() {
        return interrupted;
    }
}
