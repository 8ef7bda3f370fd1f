package dev.porthoster.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Generated file names (seeded, so a failure reproduces) always get a decision and never crash the grammar. */
class GeneratedNamesTest {

    @Test
    void everyGeneratedNameGetsExactlyOneDecision() {
        Random random = new Random(7000);
        String[] atoms = {"echo", "Echo", "a", "_", ".", "-", "tcp", "udp", "TCP", "sctp", "7000", "0", "07", "65535",
                "65536", "99999999999", "+1", "port", "PORT", "js", "json", "é", "٧", " ", "..", "\u0000"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(8);
            for (int k = 0; k < n; k++) {
                sb.append(atoms[random.nextInt(atoms.length)]);
                if (random.nextBoolean()) {
                    sb.append('.');
                }
            }
            if (random.nextInt(3) == 0) {
                sb.append(random.nextBoolean() ? ".port.js" : ".port.json");
            }
            String name = sb.toString();
            FileName decision = FileName.ofTopLevel(name, random.nextBoolean());
            switch (decision) {
                case FileName.Handler h -> assertEquals(name, h.spec().handlerFileName(), "a handler's name round-trips");
                case FileName.Manifest m -> assertEquals(name, m.spec().manifestFileName(), "a manifest's name round-trips");
                case FileName.NearMiss miss -> assertTrue(!miss.reason().isBlank(), name);
                case FileName.Ignored ignored -> assertTrue(name.startsWith("_") || name.startsWith("."), name);
                case FileName.Supporting s -> assertTrue(!name.toLowerCase().endsWith(".port.js")
                        && !name.toLowerCase().endsWith(".port.json"), name);
            }
        }
    }
}
