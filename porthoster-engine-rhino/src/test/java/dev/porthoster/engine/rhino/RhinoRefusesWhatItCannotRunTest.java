package dev.porthoster.engine.rhino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.porthoster.testkit.HandlerTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What Rhino cannot run is refused when the handler loads (so {@code check --engine rhino} reports it), with the
 * handler's file and line and what to write instead; never at run time in the middle of a connection.
 */
class RhinoRefusesWhatItCannotRunTest {

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            private field          | class A { #secret = 1; }                                | private class members (#secret)
            static block           | class A { static { } }                                  | static initialization blocks
            async generator        | async function* g() { }                                 | async generators
            for await              | async function f(xs) { for await (const x of xs) { } } | for await
            top-level await        | const x = await Promise.resolve(1);                     | top-level await
            await outside async    | function f() { return await 1; }                        | await is only valid in async functions
            object rest            | const { a, ...rest } = { a: 1, b: 2 };                  | object rest in destructuring
            spread in new          | const d = new Date(...[2020, 1]);                       | spread arguments in new
            new.target             | function F() { return new.target; }                     | new.target
            dynamic import         | const m = import('./x.js');                             | dynamic import()
            """)
    void refusedWithFileLineAndTheReason(String what, String code, String reason) throws IOException {
        Path file = root.resolve("h.tcp.7000.port.js");
        Files.writeString(file, "// line 1\n" + code + "\nexport function handle(conn) { conn.end('x'); }\n");
        HandlerTestKit.HandlerLoadFailed e = assertThrows(HandlerTestKit.HandlerLoadFailed.class,
                () -> HandlerTestKit.load(file).engine("rhino").start());
        assertEquals("h.tcp.7000.port.js:2: ", e.getMessage().substring(0, "h.tcp.7000.port.js:2: ".length()),
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            in a supporting file | lib/bad.js | export class B { #x; }
            """)
    void aRefusalInAnImportedFileNamesThatFile(String what, String lib, String code) throws IOException {
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve(lib), "\n\n" + code + "\n");
        Path file = root.resolve("h.tcp.7000.port.js");
        Files.writeString(file, "import { B } from './lib/bad.js';\nexport function handle(conn) { }\n");
        HandlerTestKit.HandlerLoadFailed e = assertThrows(HandlerTestKit.HandlerLoadFailed.class,
                () -> HandlerTestKit.load(file).engine("rhino").start());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("bad.js:3: private class members"),
                e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aModulePastRhinosInternalLimitsIsRefusedWithTheReasonNotAnAssertion() throws IOException {
        StringBuilder code = new StringBuilder("export function handle(conn) { conn.end(String(f0(1))); }\n");
        for (int i = 0; i < 32_770; i++) {
            code.append("function f").append(i).append("(x) { return x; }\n"); // ~1 MiB, under the size limit
        }
        Path file = Files.writeString(root.resolve("h.tcp.7000.port.js"), code);
        HandlerTestKit.HandlerLoadFailed e = assertThrows(HandlerTestKit.HandlerLoadFailed.class,
                () -> HandlerTestKit.load(file).engine("rhino").start());
        assertEquals("h.tcp.7000.port.js: Rhino cannot run this module: it passes one of Rhino's internal limits (such "
                + "as 32767 functions in one module); split it into smaller modules or use GraalJS", e.getMessage());
    }
}
