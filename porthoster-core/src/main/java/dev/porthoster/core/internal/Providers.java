package dev.porthoster.core.internal;

import dev.porthoster.api.spi.ScriptEngineProvider;
import dev.porthoster.api.spi.TransportProvider;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * Chooses exactly one provider of each kind, as SLF4J does: the one asked for by id when there is a choice, otherwise
 * the highest priority, with a one-line warning when several are present and an error naming the jar to add when
 * none is.
 */
public final class Providers {

    private static final System.Logger LOG = System.getLogger("dev.porthoster.broker");

    /** The system property that names the engine when no explicit choice was made. */
    public static final String ENGINE_PROPERTY = "porthoster.engine";

    private Providers() {
    }

    /** The script engine provider with {@code id}, or the default by priority when {@code id} is empty. */
    public static ScriptEngineProvider engine(Optional<String> id) {
        List<ScriptEngineProvider> found = ServiceLoader.load(ScriptEngineProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        Optional<String> wanted = id.or(() -> Optional.ofNullable(System.getProperty(ENGINE_PROPERTY)))
                .filter(s -> !s.isBlank());
        return choose(found, wanted, ScriptEngineProvider::id, ScriptEngineProvider::priority, "script engine",
                "porthoster-engine-graal (module dev.porthoster.engine.graal) or porthoster-engine-rhino "
                        + "(module dev.porthoster.engine.rhino)");
    }

    /** The transport provider with {@code id}, or the default by priority when {@code id} is empty. */
    public static TransportProvider transport(Optional<String> id) {
        List<TransportProvider> found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        return choose(found, id, TransportProvider::id, TransportProvider::priority, "transport",
                "porthoster-netty (module dev.porthoster.netty)");
    }

    static <P> P choose(List<P> found, Optional<String> wanted, Function<P, String> idOf, ToIntFunction<P> priority,
                        String kind, String whatToAdd) {
        if (found.isEmpty()) {
            throw new IllegalStateException("no " + kind + " found: add " + whatToAdd
                    + " to the module path or class path");
        }
        String ids = found.stream().map(idOf).sorted().collect(Collectors.joining(", "));
        if (wanted.isPresent()) {
            return found.stream().filter(p -> idOf.apply(p).equals(wanted.get())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + kind + " '" + wanted.get()
                            + "' found; present: " + ids + ". Add " + whatToAdd + " or choose one of those"));
        }
        P best = found.stream().max(Comparator.comparingInt(priority)).orElseThrow();
        if (found.size() > 1) {
            LOG.log(Level.INFO, "several {0}s present ({1}); using ''{2}'' by priority", kind, ids, idOf.apply(best));
        }
        return best;
    }
}
