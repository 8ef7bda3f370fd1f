package dev.porthoster.js;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The JavaScript error a handler sees, and the log shows, for a failure that began in Java: in a host operation
 * ({@code conn.write}, {@code ctx.reply}, ...) or inside the engine (a stack overflow, a string too long for the
 * JVM). Once for every engine, so they translate alike and no Java class name or Java stack reaches a handler or the
 * log. The names and messages are Node's where Node has the case.
 */
public final class ScriptErrors {

    /** Node's message for a stack overflow. */
    public static final String STACK_OVERFLOW = "Maximum call stack size exceeded";

    /** A Java class name ({@code java.lang.IllegalStateException}, {@code org.mozilla.javascript.NativeObject}). */
    private static final Pattern JAVA_NAME = Pattern.compile("\\b(?:java|javax|jdk|sun|com|org|net|io|dev)\\.[a-z]\\w*\\.");

    /**
     * Frames of {@link #reserve} a host operation probes before it runs: about 9 KiB of stack once compiled (35-byte
     * frames), more than a host operation's own Java calls take (Netty's write path, the log, the store: a few
     * dozen frames).
     */
    private static final int HEADROOM_FRAMES = 256;
    /** Keeps the probe's result alive, so the JIT cannot drop the probe. */
    private static long sink;

    private ScriptErrors() {
    }

    /**
     * Whether the stack has room for a host operation. A script recursing to the brink of a stack overflow must
     * get its {@code RangeError} before a host operation starts changing state that other handlers share (the loop's
     * task queue, the shared store, the log), never halfway through it, where a {@link StackOverflowError} would
     * leave that state broken. Costs about half a microsecond a call.
     */
    public static boolean stackHasRoom() {
        try {
            sink += reserve(HEADROOM_FRAMES, sink);
            return true;
        } catch (StackOverflowError e) {
            return false;
        }
    }

    private static long reserve(int n, long a) {
        long b = a * 31 + n;
        long c = b ^ (a >>> 3);
        long d = c + b * 7;
        if (n == 0) {
            return d;
        }
        return reserve(n - 1, d) + b + c;
    }

    /**
     * A JavaScript error: a standard constructor name and its message.
     *
     * @param name    {@code RangeError}, {@code TypeError} or {@code Error}
     * @param message the message, free of Java class names
     */
    public record ScriptError(String name, String message) {
        public ScriptError {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(message, "message");
        }

        /** {@code RangeError: Maximum call stack size exceeded}, as an uncaught error is logged. */
        @Override
        public String toString() {
            return name + ": " + message;
        }
    }

    /**
     * Whether {@code t} must not become a catchable script error: the heap is exhausted, so the broker's own
     * out-of-memory handling decides what happens, not handler code.
     */
    public static boolean isFatal(Throwable t) {
        return isFatal(t.getClass(), t.getMessage());
    }

    /** {@link #isFatal(Throwable)} for an engine that sees only the type and message of what was thrown. */
    public static boolean isFatal(Class<?> type, String message) {
        return OutOfMemoryError.class.isAssignableFrom(type) && !isArrayTooLarge(message);
    }

    /** The script error for {@code t}, which began in Java. */
    public static ScriptError of(Throwable t) {
        return of(t.getClass(), t.getMessage());
    }

    /**
     * The script error for a throwable of {@code type} with {@code message}, for an engine that sees only the
     * type and message of what was thrown.
     */
    public static ScriptError of(Class<?> type, String message) {
        if (StackOverflowError.class.isAssignableFrom(type)) {
            return new ScriptError("RangeError", STACK_OVERFLOW);
        }
        boolean outOfMemory = OutOfMemoryError.class.isAssignableFrom(type);
        if (NegativeArraySizeException.class.isAssignableFrom(type) || outOfMemory && isArrayTooLarge(message)) {
            // The JVM's own array limit, reached by a string or array a script grew: Node says the same of its own.
            return new ScriptError("RangeError", "Invalid string length");
        }
        if (outOfMemory) {
            return new ScriptError("RangeError", "out of memory: the broker's heap is exhausted");
        }
        boolean readable = message != null && !message.isBlank() && !JAVA_NAME.matcher(message).find();
        if (ClassCastException.class.isAssignableFrom(type) || NullPointerException.class.isAssignableFrom(type)) {
            return new ScriptError("TypeError", "invalid argument");
        }
        if (IllegalArgumentException.class.isAssignableFrom(type)) {
            return new ScriptError("TypeError", readable ? message : "invalid argument");
        }
        if (IndexOutOfBoundsException.class.isAssignableFrom(type) || ArithmeticException.class.isAssignableFrom(type)) {
            return new ScriptError("RangeError", readable ? message : "out of range");
        }
        if (IllegalStateException.class.isAssignableFrom(type)
                || UnsupportedOperationException.class.isAssignableFrom(type)) {
            return new ScriptError("Error", readable ? message : "operation not possible now");
        }
        return new ScriptError("Error", "internal error in the script engine" + (readable ? ": " + message : ""));
    }

    private static boolean isArrayTooLarge(String message) {
        return message != null && message.startsWith("Requested array size exceeds");
    }
}
