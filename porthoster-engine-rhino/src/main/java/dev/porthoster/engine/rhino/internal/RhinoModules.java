package dev.porthoster.engine.rhino.internal;

import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.api.spi.NodeDifference;
import dev.porthoster.js.ModuleRules;
import dev.porthoster.js.ModuleSource;
import dev.porthoster.js.ScriptErrors;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EcmaError;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.SerializableCallable;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.WrappedException;

/**
 * Rhino's module loader over {@link ModuleRules}: each module, rewritten by {@link Downlevel} into a function of
 * {@code (import, exports)}, is evaluated once per scope; {@code import} resolves through the rules (confined,
 * bounded) and reports a refusal with the importing file and line.
 */
final class RhinoModules {

    /** A load failure raised inside an import, carried through Rhino back to the loading step. */
    static final class ImportFailed extends RuntimeException {
        final HandlerLoadException failure;

        ImportFailed(HandlerLoadException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    private final HandlerHost host;
    private final ModuleRules rules;
    private final Scriptable scope;
    private final Map<String, Scriptable> loaded = new HashMap<>();

    /** The modules of {@code host}'s handler, evaluated in {@code scope}. */
    RhinoModules(HandlerHost host, Scriptable scope) {
        this.host = host;
        this.rules = new ModuleRules(host.contentRoot(), host.file().toAbsolutePath().normalize());
        this.scope = scope;
    }

    Scriptable evaluateEntry(Context cx) throws HandlerLoadException {
        return evaluate(cx, rules.entry());
    }

    /** Every module's exports object: what the heap meter starts from besides the scope. */
    List<Scriptable> loaded() {
        return List.copyOf(loaded.values());
    }

    Set<Path> filesRead() {
        return rules.filesRead();
    }

    void clear() {
        loaded.clear();
    }

    private Scriptable evaluate(Context cx, ModuleSource module) throws HandlerLoadException {
        Scriptable cached = loaded.get(module.key());
        if (cached != null) {
            return cached;
        }
        Path where = module.file().orElse(Path.of(module.key()));
        Downlevel.Result rewritten = Downlevel.module(module.text());
        if (!rewritten.problems().isEmpty()) {
            Downlevel.Problem first = rewritten.problems().get(0);
            throw new HandlerLoadException(where, first.line(), first.message());
        }
        for (Downlevel.Difference d : rewritten.differences()) {
            host.nodeDifference(new NodeDifference(where, d.line(), d.construct(), d.difference()));
        }
        Function body = (Function) RhinoScriptEngine.compile(cx, rewritten.code(), where.toString()).exec(cx, scope);
        Scriptable exports = cx.newObject(scope);
        loaded.put(module.key(), exports);
        SerializableCallable importer = (c, s, thisObj, args) -> {
            String spec = Context.toString(args.length > 0 ? args[0] : Undefined.instance);
            int line = Math.max(0, currentLine(where));
            try {
                return evaluate(c, rules.resolve(where, line, spec));
            } catch (HandlerLoadException e) {
                throw new ImportFailed(e);
            }
        };
        body.call(cx, scope, scope, new Object[] {new LambdaFunction(scope, "import", 1, importer), exports});
        return exports;
    }

    /** The line of {@code file} the interpreter is at now, from the script stack; 0 when unknown. */
    private static int currentLine(Path file) {
        String trace = new EvaluatorException("").getScriptStackTrace();
        String name = file.toString() + ":";
        for (String l : trace.lines().toList()) {
            int at = l.indexOf(name);
            if (at >= 0) {
                String rest = l.substring(at + name.length()).replaceAll("\\D.*$", "");
                if (!rest.isEmpty()) {
                    return Integer.parseInt(rest);
                }
            }
        }
        return 0;
    }

    /** A failure while loading, with its file and line, in JavaScript's terms. */
    static HandlerLoadException loadFailure(Path file, RhinoException e) {
        Path where = e.sourceName() != null && !e.sourceName().startsWith("porthoster:") ? Path.of(e.sourceName())
                : file;
        String kind = e instanceof EvaluatorException && !(e instanceof WrappedException) ? "SyntaxError: " : "";
        String details = e.details();
        if (e instanceof WrappedException w) {
            details = "uncaught " + ScriptErrors.of(w.getWrappedException());
        } else if (e instanceof EcmaError ee) {
            details = ee.getName() + ": " + ee.getErrorMessage();
        } else if (e instanceof JavaScriptException) {
            details = "uncaught " + details;
        }
        return new HandlerLoadException(where, Math.max(0, e.lineNumber()), kind + details);
    }
}
