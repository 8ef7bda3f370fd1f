package dev.porthoster.engine.graal.internal;

import java.util.Collection;
import java.util.List;

import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import com.oracle.truffle.api.instrumentation.provider.TruffleInstrumentProvider;

/**
 * What the Truffle DSL processor would generate for {@link ContextHeapInstrument}: Truffle reads the
 * {@code @Registration} from this provider class (found with ServiceLoader), not from the instrument.
 * Register it in module-info ({@code provides ... TruffleInstrumentProvider with ...}) and, for the class
 * path, in META-INF/services/com.oracle.truffle.api.instrumentation.provider.TruffleInstrumentProvider.
 */
@TruffleInstrument.Registration(id = ContextHeapInstrument.ID, name = "Porthoster context heap meter",
        internal = false, services = ContextHeapMeter.class)
public final class ContextHeapInstrumentProvider extends TruffleInstrumentProvider {
    @Override
    protected String getInstrumentClassName() {
        return ContextHeapInstrument.class.getName();
    }

    @Override
    protected Object create() {
        return new ContextHeapInstrument();
    }

    @Override
    protected Collection<String> getServicesClassNames() {
        return List.of(ContextHeapMeter.class.getName());
    }
}
