package dev.porthoster.engine.rhino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RhinoProviderTest {

    @Test
    void rhinoRanksBelowGraalSoGraalIsTheDefault() {
        RhinoScriptEngineProvider p = new RhinoScriptEngineProvider();
        assertEquals("rhino", p.id());
        assertTrue(p.priority() < 200);
    }

    @Test
    void choosingRhinoSaysItIsNotAvailableYetAndWhatToUse() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new RhinoScriptEngineProvider().create());
        assertTrue(e.getMessage().contains("--engine graal"), e.getMessage());
    }
}
