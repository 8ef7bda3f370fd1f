package dev.porthoster.engine.graal.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Instrument;

import com.oracle.truffle.api.TruffleContext;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;

/**
 * Per-context retained heap, through Truffle's {@code TruffleInstrument.Env#calculateContextHeapSize}. One per
 * {@link Engine}: {@link #of(Engine)}. Needs Truffle's optimizing runtime (the Graal JIT through JVMCI); on the
 * interpreter-only fallback runtime {@link #supported()} is false and {@link #retainedBytes} throws
 * {@link UnsupportedOperationException}.
 */
public final class ContextHeapMeter {
    private final TruffleInstrument.Env env;

    ContextHeapMeter(TruffleInstrument.Env env) {
        this.env = env;
    }

    /** The meter of this engine (creates the instrument on first call). Null if the instrument is not registered. */
    public static ContextHeapMeter of(Engine engine) {
        Instrument instrument = engine.getInstruments().get(ContextHeapInstrument.ID);
        return instrument == null ? null : instrument.lookup(ContextHeapMeter.class);
    }

    /**
     * A handle for {@code context}, to keep next to it. Call on a thread that may enter the context (its own
     * loop thread, between callbacks, e.g. right after build()): it enters and leaves the context once.
     */
    public Handle handle(Context context) {
        context.enter();
        try {
            return new Handle(env.getEnteredContext());
        } finally {
            context.leave();
        }
    }

    /**
     * Bytes of heap reachable from the context's roots (language contexts: globals, closures, arrays,
     * strings...; polyglot bindings; frames of threads running in it), stopping early once over
     * {@code stopAtBytes}. Not counted: code (ASTs, call targets: shared by the engine), host objects passed in,
     * off-heap memory. Callable from any thread; if a thread is executing in the context, Truffle asks it, at
     * its next safepoint poll, for its stack frames and waits for that.
     *
     * @throws java.util.concurrent.CancellationException if {@code cancelled} turned true meanwhile
     * @throws UnsupportedOperationException on the interpreter-only runtime
     */
    public long retainedBytes(Handle handle, long stopAtBytes, AtomicBoolean cancelled) {
        return env.calculateContextHeapSize(handle.context, stopAtBytes, cancelled);
    }

    /** Whether the runtime can compute heap sizes (the optimizing runtime; not the fallback one). */
    public static boolean supported(Engine engine) {
        return !engine.getImplementationName().toLowerCase(java.util.Locale.ROOT).contains("interpreted");
    }

    /** Opaque per-context token. */
    public static final class Handle {
        final TruffleContext context;

        Handle(TruffleContext context) {
            this.context = context;
        }

        public boolean closed() {
            return context.isClosed();
        }
    }
}
