package com.example.handlers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/testing-handlers.md shows EchoHandlerTest and RelayHandlerTest verbatim, so the example in the docs is the one the build runs. */
class DocsExampleTest {

    @Test
    void theDocsShowTheExampleThisModuleCompilesAndRuns() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "testing-handlers.md"));
        String example = Files.readString(Path.of("src", "test", "java", "com", "example", "handlers", "EchoHandlerTest.java"));
        assertTrue(docs.contains("```java\n" + example + "```"),
                "docs/testing-handlers.md must contain src/test/java/com/example/handlers/EchoHandlerTest.java verbatim "
                        + "in a ```java block; update the docs when the example changes");
        String relay = Files.readString(Path.of("src", "test", "java", "com", "example", "handlers", "RelayHandlerTest.java"));
        assertTrue(docs.contains("```java\n" + relay + "```"),
                "docs/testing-handlers.md must contain src/test/java/com/example/handlers/RelayHandlerTest.java verbatim "
                        + "in a ```java block; update the docs when the example changes");
    }
}
