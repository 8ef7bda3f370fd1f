package com.example.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.porthoster.testkit.HandlerTestKit;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The testkit can be driven from any test framework: its module requires none (the JUnit suite is the tck). */
class TestkitNeedsNoTestFrameworkTest {

    @Test
    void theTestkitModuleRequiresNoTestFramework() throws Exception {
        Path where = Path.of(HandlerTestKit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleDescriptor testkit = ModuleFinder.of(where).find("dev.porthoster.testkit").orElseThrow().descriptor();
        List<String> frameworks = testkit.requires().stream().map(ModuleDescriptor.Requires::name)
                .filter(name -> name.startsWith("org.junit") || name.startsWith("org.testng")
                        || name.startsWith("org.opentest4j"))
                .toList();
        assertEquals(List.of(), frameworks);
    }
}
