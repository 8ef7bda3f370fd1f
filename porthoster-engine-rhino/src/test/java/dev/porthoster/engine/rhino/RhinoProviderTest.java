package dev.porthoster.engine.rhino;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void rhinoDescribesItselfWithItsVersion() {
        try (var engine = new RhinoScriptEngineProvider().create()) {
            assertEquals("rhino", engine.id());
            assertTrue(engine.describe().startsWith("Mozilla Rhino 1.9"), engine.describe());
        }
    }
}
