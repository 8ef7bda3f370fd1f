package dev.porthoster.engine.rhino.internal;

import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.js.Prelude;
import dev.porthoster.js.ScriptHandlerInstance;
import dev.porthoster.api.spi.ScriptEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.Script;

/**
 * Rhino, compiling scripts to JVM bytecode where its class generator can and interpreting them where not. The shared prelude and the rewrite helpers are compiled once and run in every handler's
 * own scope. Each handler runs the shared lifecycle ({@link ScriptHandlerInstance}) over a {@link RhinoContext}; the
 * watchdog's stop reaches a running callback through Rhino's instruction observer, which throws where it runs.
 */
public final class RhinoScriptEngine implements ScriptEngine {

    /** How many instructions pass between two looks at the clock. */
    private static final int OBSERVE_EVERY = 10_000;

    /** Thrown out of the interpreter when a callback is asked to stop; JavaScript cannot catch it. */
    static final class Runaway extends Error {
        Runaway() {
            super("callback ran past the watchdog limit", null, false, false);
        }
    }

    /** Key of the running callback's stop flag (an AtomicBoolean, see RhinoContext) in the Context's thread-locals. */
    static final Object STOP = new Object();

    private final ContextFactory factory = new ContextFactory() {
        @Override
        protected Context makeContext() {
            Context cx = super.makeContext();
            cx.setLanguageVersion(Context.VERSION_ECMASCRIPT);
            // Scripts compile to JVM bytecode (2.3-2.7x the interpreter on the examples), with instruction counting
            // compiled in so the watchdog still stops a runaway loop; see compile() for the fallback.
            cx.setInterpretedMode(false);
            cx.setGenerateObserverCount(true);
            cx.setInstructionObserverThreshold(OBSERVE_EVERY);
            cx.setClassShutter(className -> false);
            return cx;
        }

        @Override
        protected void observeInstructionCount(Context cx, int instructionCount) {
            if (stopRequested(cx)) {
                throw new Runaway();
            }
        }

        @Override
        protected boolean hasFeature(Context cx, int featureIndex) {
            // Lets a script's catch see a stack overflow as Node's RangeError (see JavaFailures). The "Java access"
            // it also widens reaches nothing: the class shutter hides every Java class.
            return featureIndex == Context.FEATURE_ENHANCED_JAVA_ACCESS || super.hasFeature(cx, featureIndex);
        }
    };
    private final Script support;
    private final Script prelude;

    public RhinoScriptEngine() {
        Context cx = factory.enterContext();
        try {
            support = compile(cx, resource("rhino-support.js"), "porthoster:rhino-support.js");
            Downlevel.Result p = Downlevel.script(Prelude.source());
            if (!p.problems().isEmpty()) {
                throw new IllegalStateException("the prelude does not rewrite for Rhino: " + p.problems());
            }
            prelude = compile(cx, p.code(), Prelude.SOURCE_NAME);
        } finally {
            Context.exit();
        }
    }

    /**
     * Compiles to bytecode, or, where Rhino 1.9.2's class generator fails on valid code (seen: a VerifyError and
     * "bad local variable type" on 2 of the conformance kit's handlers), interprets that script instead. Compiled
     * and interpreted code call each other freely; a syntax error is reported the same either way.
     */
    static Script compile(Context cx, String code, String name) {
        try {
            return cx.compileString(code, name, 1, null);
        } catch (IllegalStateException | LinkageError codegenFailed) {
            System.getLogger("dev.porthoster.engine.rhino").log(System.Logger.Level.DEBUG,
                    "Rhino could not compile " + name + " to bytecode (" + codegenFailed + "); interpreting it");
            cx.setInterpretedMode(true);
            try {
                return cx.compileString(code, name, 1, null);
            } finally {
                cx.setInterpretedMode(false);
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = RhinoScriptEngine.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("porthoster-engine-rhino is missing its resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the callback running in {@code cx} was asked to stop (the watchdog, the memory guard). */
    static boolean stopRequested(Context cx) {
        return cx.getThreadLocal(STOP) instanceof java.util.concurrent.atomic.AtomicBoolean stop && stop.get();
    }

    ContextFactory factory() {
        return factory;
    }

    Script support() {
        return support;
    }

    Script prelude() {
        return prelude;
    }

    @Override
    public String id() {
        return "rhino";
    }

    @Override
    public String describe() {
        Context cx = factory.enterContext();
        String version;
        try {
            version = cx.getImplementationVersion();
        } finally {
            Context.exit();
        }
        return "Mozilla " + version + " (compiled to JVM bytecode; handlers are rewritten for Rhino at load, see docs/engines.md)";
    }

    @Override
    public HandlerInstance load(HandlerHost host) throws HandlerLoadException {
        return ScriptHandlerInstance.load(host, h -> new RhinoContext(this, h));
    }

    @Override
    public void close() {
        // nothing shared to release: scopes belong to their instances
    }
}
