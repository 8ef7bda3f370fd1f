package dev.porthoster.engine.graal.internal;

import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.api.spi.Prelude;
import dev.porthoster.api.spi.ScriptEngine;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;

/**
 * One polyglot {@link Engine} shared by every handler context, so compiled code is cached across instances and
 * reloads; one watchdog thread for all of them.
 */
public final class GraalScriptEngine implements ScriptEngine {

    private final Engine engine;
    private final Source prelude;
    private final ScheduledExecutorService watchdog;

    public GraalScriptEngine() {
        this.engine = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false") // we say it ourselves, once, in describe()
                .build();
        this.prelude = Source.newBuilder("js", Prelude.source(), Prelude.SOURCE_NAME).cached(true).buildLiteral();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "porthoster-graal-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String id() {
        return "graal";
    }

    /** Whether Truffle's optimizing runtime is active (not the interpreter-only fallback). */
    public boolean optimizing() {
        return !engine.getImplementationName().toLowerCase(java.util.Locale.ROOT).contains("interpreted");
    }

    @Override
    public String describe() {
        if (optimizing()) {
            return "GraalJS with the optimizing JIT (" + engine.getImplementationName() + ")";
        }
        return "GraalJS INTERPRETER ONLY: handlers run 15-30x slower than with the JIT. "
                + "Start through ./porthoster, which puts the Graal compiler on the upgrade module path, "
                + "or see docs/engines.md";
    }

    @Override
    public HandlerInstance load(HandlerHost host) throws HandlerLoadException {
        return GraalHandlerInstance.load(engine, prelude, host, watchdog);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        engine.close(true);
    }
}
