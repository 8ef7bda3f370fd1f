package dev.porthoster.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A failure that began in Java reaches script as a JavaScript error, with no Java class name in it. */
class ScriptErrorsTest {

    @Test
    void javaFailuresBecomeNodesErrors() {
        assertEquals("RangeError: Maximum call stack size exceeded", ScriptErrors.of(new StackOverflowError()).toString());
        assertEquals("RangeError: Invalid string length", ScriptErrors.of(new NegativeArraySizeException("-2147483648")).toString());
        assertEquals("RangeError: Invalid string length",
                ScriptErrors.of(new OutOfMemoryError("Requested array size exceeds VM limit")).toString());
        assertEquals("TypeError: port out of range:70000", ScriptErrors.of(new IllegalArgumentException("port out of range:70000")).toString());
        assertEquals("Error: ctx.reply can only be used after a datagram arrived",
                ScriptErrors.of(new IllegalStateException("ctx.reply can only be used after a datagram arrived")).toString());
    }

    @Test
    void aMessageNamingAJavaClassIsReplaced() {
        assertEquals("TypeError: invalid argument", ScriptErrors.of(new ClassCastException(
                "class org.mozilla.javascript.NativeObject cannot be cast to class java.lang.String")).toString());
        assertEquals("TypeError: invalid argument",
                ScriptErrors.of(new IllegalArgumentException("Cannot convert 'NaN'(language: Java, type: java.lang.Double)")).toString());
        assertEquals("Error: internal error in the script engine", ScriptErrors.of(new RuntimeException((String) null)).toString());
    }

    @Test
    void onlyRealHeapExhaustionIsFatal() {
        assertTrue(ScriptErrors.isFatal(new OutOfMemoryError("Java heap space")));
        assertFalse(ScriptErrors.isFatal(new OutOfMemoryError("Requested array size exceeds VM limit")));
        assertFalse(ScriptErrors.isFatal(new StackOverflowError()));
    }

    @Test
    void theStackProbeSaysNoAtTheBrinkOfAnOverflow() {
        assertTrue(ScriptErrors.stackHasRoom());
        assertTrue(deepestWithoutRoom(0) > 0, "somewhere down a deep recursion the probe says there is no room");
    }

    /** Recurses until the probe says no (returning that depth) or the stack overflows first (returning -1). */
    private static int deepestWithoutRoom(int depth) {
        try {
            return ScriptErrors.stackHasRoom() ? deepestWithoutRoom(depth + 1) : depth;
        } catch (StackOverflowError e) {
            return -1;
        }
    }
}
