package dev.porthoster.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Choosing exactly one provider, as SLF4J does: explicit wins, else priority, else an error naming the jar. */
class ProvidersTest {

    private record Fake(String id, int priority) { }

    private static Fake choose(List<Fake> found, Optional<String> wanted) {
        return Providers.choose(found, wanted, Fake::id, Fake::priority, "script engine", "porthoster-engine-graal");
    }

    @Test
    void anExplicitChoiceWinsOverPriority() {
        assertEquals("rhino", choose(List.of(new Fake("graal", 200), new Fake("rhino", 100)), Optional.of("rhino")).id());
    }

    @Test
    void withoutAChoiceTheHighestPriorityWins() {
        assertEquals("graal", choose(List.of(new Fake("rhino", 100), new Fake("graal", 200)), Optional.empty()).id());
    }

    @Test
    void noneFoundNamesTheJarToAdd() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> choose(List.of(), Optional.empty()));
        assertEquals("no script engine found: add porthoster-engine-graal to the module path or class path", e.getMessage());
    }

    @Test
    void anUnknownChoiceListsWhatIsPresent() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> choose(List.of(new Fake("graal", 200)), Optional.of("v8")));
        assertEquals("no script engine 'v8' found; present: graal. Add porthoster-engine-graal or choose one of those",
                e.getMessage());
    }
}
