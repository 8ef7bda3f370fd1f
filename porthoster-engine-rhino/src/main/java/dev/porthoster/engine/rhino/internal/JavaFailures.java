package dev.porthoster.engine.rhino.internal;

import dev.porthoster.js.ScriptErrors;
import java.util.Map;
import org.mozilla.javascript.BaseFunction;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.TopLevel;

/**
 * Makes a Java failure inside a script (a stack overflow, a string past the JVM's array limit, an exception out of
 * Rhino's own code) a JavaScript error a script's {@code catch} sees, as Node's {@code RangeError: Maximum call stack
 * size exceeded} is.
 *
 * <p>How: the engine turns on Rhino's {@code FEATURE_ENHANCED_JAVA_ACCESS}, so compiled {@code try/catch} blocks also
 * catch Java throwables; Rhino then builds the caught value by calling the global {@code JavaException} constructor
 * with the throwable's {@code toString()}. This class is that constructor in every handler's scope: it answers with a
 * {@code RangeError}, {@code TypeError} or {@code Error} per {@link ScriptErrors}, never exposing the throwable (the
 * class shutter hides every Java class, so Rhino adds no {@code javaException} property either). What must not be
 * caught is thrown on instead: the watchdog's {@link RhinoScriptEngine.Runaway} and real heap exhaustion.
 *
 * <p>The constructor sits only in the scope's cache of built-ins, not among its globals: handler code cannot call it
 * (and so cannot, say, make it throw an {@code OutOfMemoryError} by passing that text), and
 * {@code typeof JavaException} is {@code 'undefined'} as in Node.
 */
final class JavaFailures extends BaseFunction {

    private static final long serialVersionUID = 1L;
    /** Names of Java throwables a script may meet, resolved without loading anything by name at run time. */
    private static final Map<String, Class<?>> KNOWN = Map.ofEntries(
            Map.entry(StackOverflowError.class.getName(), StackOverflowError.class),
            Map.entry(OutOfMemoryError.class.getName(), OutOfMemoryError.class),
            Map.entry(NegativeArraySizeException.class.getName(), NegativeArraySizeException.class),
            Map.entry(ArrayIndexOutOfBoundsException.class.getName(), ArrayIndexOutOfBoundsException.class),
            Map.entry(StringIndexOutOfBoundsException.class.getName(), StringIndexOutOfBoundsException.class),
            Map.entry(IndexOutOfBoundsException.class.getName(), IndexOutOfBoundsException.class),
            Map.entry(ArithmeticException.class.getName(), ArithmeticException.class),
            Map.entry(IllegalArgumentException.class.getName(), IllegalArgumentException.class),
            Map.entry(NumberFormatException.class.getName(), NumberFormatException.class),
            Map.entry(IllegalStateException.class.getName(), IllegalStateException.class),
            Map.entry(UnsupportedOperationException.class.getName(), UnsupportedOperationException.class),
            Map.entry(ClassCastException.class.getName(), ClassCastException.class),
            Map.entry(NullPointerException.class.getName(), NullPointerException.class));

    private final Map<String, Function> errors;

    private JavaFailures(Map<String, Function> errors) {
        this.errors = errors;
    }

    /** Installs the constructor in {@code scope}'s cache of built-ins, before any handler code runs there. */
    static void install(TopLevel scope) {
        Map<String, Function> errors = Map.of(
                "RangeError", (Function) ScriptableObject.getProperty(scope, "RangeError"),
                "TypeError", (Function) ScriptableObject.getProperty(scope, "TypeError"),
                "Error", (Function) ScriptableObject.getProperty(scope, "Error"));
        scope.delete("JavaException");
        scope.put("JavaException", scope, new JavaFailures(errors));
        scope.cacheBuiltins(scope, false);
        scope.delete("JavaException");
    }

    @Override
    public Scriptable construct(Context cx, Scriptable scope, Object[] args) {
        String text = args.length > 0 ? String.valueOf(args[0]) : "";
        int colon = text.indexOf(": ");
        String type = colon < 0 ? text : text.substring(0, colon);
        String message = colon < 0 ? null : text.substring(colon + 2);
        if (RhinoScriptEngine.stopRequested(cx)) {
            throw new RhinoScriptEngine.Runaway();
        }
        Class<?> known = KNOWN.getOrDefault(type, Throwable.class);
        if (ScriptErrors.isFatal(known, message)) {
            throw new OutOfMemoryError(message);
        }
        ScriptErrors.ScriptError error = ScriptErrors.of(known, message);
        return errors.get(error.name()).construct(cx, ScriptableObject.getTopLevelScope(scope),
                new Object[] {error.message()});
    }

    @Override
    public Object call(Context cx, Scriptable scope, Scriptable thisObj, Object[] args) {
        return construct(cx, scope, args);
    }

    @Override
    public String getFunctionName() {
        return "JavaException";
    }
}
