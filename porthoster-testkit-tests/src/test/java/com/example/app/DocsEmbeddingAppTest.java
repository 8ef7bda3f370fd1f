package com.example.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/embedding.md shows the embedding app verbatim, so the example in the docs is the one CI builds and runs. */
class DocsEmbeddingAppTest {

    @Test
    void theDocsShowTheAppThatCiBuildsAndRuns() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "embedding.md"));
        String app = Files.readString(Path.of("..", "docs", "embedding-app", "src", "main", "java", "com", "example",
                "greeter", "GreeterApp.java"));
        assertTrue(docs.contains("```java\n" + app + "```"),
                "docs/embedding.md must contain docs/embedding-app/.../GreeterApp.java verbatim in a ```java block");
    }
}
