package dev.porthoster.engine.graal.internal;

import dev.porthoster.api.spi.HandlerHost;
import dev.porthoster.api.spi.HandlerInstance;
import dev.porthoster.api.spi.HandlerLoadException;
import dev.porthoster.js.Prelude;
import dev.porthoster.js.ScriptHandlerInstance;
import dev.porthoster.api.spi.ScriptEngine;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;

/**
 * One polyglot {@link Engine} shared by every handler context, so compiled code is cached across instances and
 * reloads. Each handler runs the shared lifecycle ({@link ScriptHandlerInstance}) over a {@link GraalContext}.
 */
public final class GraalScriptEngine implements ScriptEngine {

    private final Engine engine;
    private final Source prelude;
    /** Null when the runtime cannot measure (interpreter-only). */
    private final ContextHeapMeter meter;
    /** Where heaps are measured: Truffle's walk wants a thread that has entered a context once (see below). */
    private final ExecutorService measurer;

    public GraalScriptEngine() {
        this.engine = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false") // we say it ourselves, once, in describe()
                .build();
        this.prelude = Source.newBuilder("js", Prelude.source(), Prelude.SOURCE_NAME).cached(true).buildLiteral();
        this.meter = ContextHeapMeter.supported(engine) ? ContextHeapMeter.of(engine) : null;
        this.measurer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(() -> {
                // Truffle's heap walk needs its safepoint mechanism set up on the calling thread, which entering any
                // context once does; the same host access as handler contexts, or the engine rejects the mix.
                try (Context primer = Context.newBuilder("js").engine(engine)
                        .allowHostAccess(GraalContext.HOST_ACCESS).build()) {
                    primer.enter();
                    primer.leave();
                }
                r.run();
            }, "porthoster-graal-heap");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The heap a handler context retains, stopping a little past {@code stopAtBytes}; empty when this runtime cannot
     * tell (interpreter-only) or the context is gone.
     */
    CompletableFuture<OptionalLong> measure(ContextHeapMeter.Handle handle, long stopAtBytes) {
        if (meter == null || handle == null) {
            return CompletableFuture.completedFuture(OptionalLong.empty());
        }
        return CompletableFuture.supplyAsync(() -> handle.closed() ? OptionalLong.empty()
                : OptionalLong.of(meter.retainedBytes(handle, stopAtBytes, new AtomicBoolean())), measurer)
                .exceptionally(e -> OptionalLong.empty());
    }

    Engine engine() {
        return engine;
    }

    Source prelude() {
        return prelude;
    }

    /** A handle to measure {@code context} by, or null; on the context's loop thread, right after it is built. */
    ContextHeapMeter.Handle heapHandle(Context context) {
        return meter == null ? null : meter.handle(context);
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
        return ScriptHandlerInstance.load(host, h -> new GraalContext(this, h));
    }

    @Override
    public void close() {
        measurer.shutdownNow();
        engine.close(true);
    }
}
