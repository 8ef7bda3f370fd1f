package dev.porthoster.engine.rhino.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A handler file being edited is broken most of the time: the rewrite must end, with a problem naming the line or
 * with code Rhino's parser rejects with the line, and never hang the handler's loop or fail with an internal error.
 */
class DownlevelBrokenInputTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private static Downlevel.Result module(String source) {
        return assertTimeoutPreemptively(BOUND, () -> Downlevel.module(source), "the rewrite did not end");
    }

    @Test
    void anImportListThatNeverClosesIsAProblemNotAnEndlessLoop() {
        Downlevel.Result r = module("import { Buffe(r as B } from 'node:buffer';\nexport function handle(c) { }\n");
        assertEquals(1, r.problems().get(0).line());
        assertTrue(r.problems().get(0).message().startsWith("cannot read this import statement"),
                r.problems().toString());
    }

    @Test
    void anExportListThatNeverClosesIsAProblemNotAnEndlessLoop() {
        Downlevel.Result r = module("export{\n  conn.on('data', (d) => {\n");
        assertEquals(1, r.problems().get(0).line());
        assertTrue(r.problems().get(0).message().startsWith("cannot read this export statement"),
                r.problems().toString());
    }

    @Test
    void anArrowCutOffAfterItsArrowIsLeftForRhinosParser() {
        Downlevel.Result r = module("export const f = (a, ...rest) =>");
        assertTrue(r.code().contains("(function (a, ...rest)"), r.code());
    }

    @Test
    void everyExampleCutAnywhereRewritesWithoutHangingOrThrowing() throws IOException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("..", "examples"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".js")).sorted().toList()) {
                sources.add(Files.readString(f));
            }
        }
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String s : sources) {
                for (int end = 0; end <= s.length(); end++) {
                    if (end > 0 && end < s.length() && Character.isLetterOrDigit(s.charAt(end - 1))
                            && Character.isLetterOrDigit(s.charAt(end))) {
                        continue; // inside a word: the cut at the word's end reads the same way
                    }
                    String prefix = s.substring(0, end);
                    try {
                        Downlevel.module(prefix);
                        Downlevel.script(prefix);
                    } catch (RuntimeException e) {
                        throw new AssertionError("the rewrite failed on: " + prefix, e);
                    }
                }
            }
        });
    }
}
