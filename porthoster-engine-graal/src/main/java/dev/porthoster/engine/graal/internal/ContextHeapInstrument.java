package dev.porthoster.engine.graal.internal;

import com.oracle.truffle.api.instrumentation.TruffleInstrument;

/**
 * A do-nothing Truffle instrument whose only job is to hand the host its {@link TruffleInstrument.Env}, which
 * carries {@code calculateContextHeapSize}. Registered by {@link ContextHeapInstrumentProvider} (hand-written:
 * no Truffle annotation processor needed).
 */
@TruffleInstrument.Registration(id = ContextHeapInstrument.ID, name = "Porthoster context heap meter",
        internal = false, services = ContextHeapMeter.class)
public final class ContextHeapInstrument extends TruffleInstrument {
    public static final String ID = "porthoster-heap-meter";

    @Override
    protected void onCreate(Env env) {
        env.registerService(new ContextHeapMeter(env));
    }
}
