package dev.porthoster.engine.rhino.internal;

import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.api.spi.Prelude;
import dev.porthoster.api.spi.ScriptEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.Script;

/**
 * Rhino in interpreted mode. The shared prelude and the rewrite helpers are compiled once and run in every handler's
 * own scope. The watchdog is Rhino's instruction observer: a callback past its deadline is stopped where it runs.
 */
public final class RhinoScriptEngine implements ScriptEngine {

    /** How many interpreted instructions pass between two looks at the clock. */
    private static final int OBSERVE_EVERY = 10_000;

    /** Thrown out of the interpreter when a callback passes its deadline; JavaScript cannot catch it. */
    static final class Runaway extends Error {
        Runaway() {
            super("callback ran past the watchdog limit", null, false, false);
        }
    }

    /** Key of the current callback's deadline (System.nanoTime) in the context's thread-locals. */
    static final Object DEADLINE = new Object();

    private final ContextFactory factory = new ContextFactory() {
        @Override
        protected Context makeContext() {
            Context cx = super.makeContext();
            cx.setLanguageVersion(Context.VERSION_ECMASCRIPT);
            cx.setInterpretedMode(true);
            cx.setInstructionObserverThreshold(OBSERVE_EVERY);
            cx.setClassShutter(className -> false);
            return cx;
        }

        @Override
        protected void observeInstructionCount(Context cx, int instructionCount) {
            Object deadline = cx.getThreadLocal(DEADLINE);
            if (deadline instanceof Long d && System.nanoTime() - d > 0) {
                throw new Runaway();
            }
        }
    };
    private final Script support;
    private final Script prelude;

    public RhinoScriptEngine() {
        Context cx = factory.enterContext();
        try {
            support = cx.compileString(resource("rhino-support.js"), "porthoster:rhino-support.js", 1, null);
            Downlevel.Result p = Downlevel.script(Prelude.source());
            if (!p.problems().isEmpty()) {
                throw new IllegalStateException("the prelude does not rewrite for Rhino: " + p.problems());
            }
            prelude = cx.compileString(p.code(), Prelude.SOURCE_NAME, 1, null);
        } finally {
            Context.exit();
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
        return "Mozilla " + version + " (interpreted; handlers are rewritten for Rhino at load, see docs/engines.md)";
    }

    @Override
    public HandlerInstance load(HandlerHost host) throws HandlerLoadException {
        return RhinoHandlerInstance.load(this, host);
    }

    @Override
    public void close() {
        // nothing shared to release: scopes belong to their instances
    }
}
