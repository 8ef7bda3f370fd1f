package dev.porthoster.engine.rhino.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.js.Prelude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mozilla.javascript.Context;

/** The rewrite keeps every line where it was, and what it produces is JavaScript Rhino compiles. */
class DownlevelTest {

    /** Words the rewrite replaces by design; every other line keeps its first word in place. */
    private static final java.util.Set<String> REWRITTEN_WORDS = java.util.Set.of("import", "export", "const",
            "class", "async", "constructor", "static");

    static Stream<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("..", "examples"))) {
            return files.filter(f -> f.toString().endsWith(".js")).sorted().toList().stream();
        }
    }

    private static long lines(String s) {
        return s.chars().filter(c -> c == '\n').count();
    }

    private static void compiles(String code, String name) {
        Context cx = Context.enter();
        try {
            cx.setLanguageVersion(Context.VERSION_ECMASCRIPT);
            cx.setInterpretedMode(true);
            cx.compileString(code, name, 1, null);
        } finally {
            Context.exit();
        }
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void examplesRewriteWithoutMovingALine(Path file) throws IOException {
        String source = Files.readString(file);
        Downlevel.Result r = Downlevel.module(source);
        assertEquals(List.of(), r.problems());
        assertEquals(lines(source) + 1, lines(r.code()), "only the wrapper's closing line is added");
        compiles(r.code(), file.toString());
        String[] in = source.split("\n", -1);
        String[] out = r.code().split("\n", -1);
        for (int i = 0; i < in.length; i++) {
            String firstWord = in[i].strip().split("[^A-Za-z0-9_$]", 2)[0];
            if (firstWord.length() > 3 && !REWRITTEN_WORDS.contains(firstWord)) {
                assertTrue(out[i].contains(firstWord), file + " line " + (i + 1) + " moved: '" + in[i] + "' became '"
                        + out[i] + "'");
            }
        }
    }

    @Test
    void thePreludeRewritesWithoutMovingALine() {
        Downlevel.Result r = Downlevel.script(Prelude.source());
        assertEquals(List.of(), r.problems());
        assertEquals(lines(Prelude.source()), lines(r.code()));
        compiles(r.code(), Prelude.SOURCE_NAME);
    }

    @Test
    void problemsNameTheLineOfTheConstruct() {
        Downlevel.Result r = Downlevel.module("""
                // 1
                export class A {
                  #hidden = 1;
                }
                const x = await f();
                export function g() { return new C(...args); }
                """);
        assertEquals(List.of(
                new Downlevel.Problem(3, r.problems().get(0).message()),
                new Downlevel.Problem(6, r.problems().get(1).message()),
                new Downlevel.Problem(5, r.problems().get(2).message())), r.problems());
        assertTrue(r.problems().get(0).message().startsWith("private class members (#hidden)"));
        assertTrue(r.problems().get(1).message().startsWith("spread arguments in new"));
        assertTrue(r.problems().get(2).message().startsWith("top-level await"));
    }

    @Test
    void templateSubstitutionsAreCodeAndTheirTextIsNot() {
        Downlevel.Result r = Downlevel.module("""
                export async function f(x) { return `class ${await x} {} await ${`nested ${await x}`}`; }
                """);
        assertEquals(List.of(), r.problems());
        String code = r.code();
        assertTrue(code.contains("`class ${(yield x)} {} await ${`nested ${(yield x)}`}`"), code);
        compiles(code, "template");
    }

    @Test
    void aClassAfterAStatementWithoutSemicolonIsADeclaration() {
        Downlevel.Result r = Downlevel.script("""
                f(1)
                class A { static make() { return new this(); } }
                const k = class { };
                g(class B { });
                """);
        assertEquals(List.of(), r.problems());
        String[] lines = r.code().split("\n");
        assertTrue(lines[1].startsWith("var A = (function (__ph_super)"), lines[1]);
        assertTrue(lines[2].startsWith("let k = (function (__ph_super)"), lines[2]);
        assertTrue(lines[3].startsWith("g((function (__ph_super)"), lines[3]);
        compiles(r.code(), "classes");
    }
}
