package dev.porthoster.engine.rhino.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.porthoster.engine.rhino.internal.DownlevelStructure.Fn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the passes know of the source's shape: brackets, functions, where an expression ends. */
class DownlevelStructureTest {

    private static DownlevelStructure of(String src) {
        return new DownlevelStructure(DownlevelLexer.tokenize(src));
    }

    @Test
    void bracketsMatchAtTheirDepthAndAnUnclosedOneMatchesNothing() {
        DownlevelStructure s = of("f(a, [b, {c}]) (x");
        // f ( a , [ b , { c } ] ) ( x
        assertEquals(11, s.match[1]);
        assertEquals(1, s.match[11]);
        assertEquals(10, s.match[4]);
        assertEquals(3, s.depth[8], "c sits inside three brackets");
        assertEquals(-1, s.match[12], "the last ( is never closed");
    }

    @Test
    void functionsMethodsAndArrowsAreFoundWithWhetherTheyAreAsyncOrGenerators() {
        DownlevelStructure s = of("let g = async (a) => a;\nclass C { async m() { if (x) { } } }\nfunction* h() { }");
        List<Fn> fns = s.functions();
        assertEquals(3, fns.size(), "if (x) { } is not a method");
        assertEquals(List.of(true, false, false), fns.stream().map(f -> f.arrow).toList());
        assertEquals(List.of(true, true, false), fns.stream().map(f -> f.asyncToken >= 0).toList());
        assertEquals(List.of(false, false, true), fns.stream().map(f -> f.generator).toList());
        DownlevelTokens t = s.tokens;
        int x = indexOf(t, "x");
        assertSame(fns.get(1), s.functionOf(x), "x is in m's body");
        assertNull(s.functionOf(0), "let is at the top level");
    }

    @Test
    void anExpressionEndsAtACommaACloserOrANewStatementOnTheNextLine() {
        DownlevelStructure s = of("a + f(b, c), d\nx = 1 +\ny\nz");
        DownlevelTokens t = s.tokens;
        assertEquals("a + f ( b , c )", text(t, 0, s.expressionEnd(0)));
        int x = indexOf(t, "x");
        assertEquals("x = 1 + y", text(t, x, s.expressionEnd(x)), "an operator at the line end continues it");
    }

    @Test
    void theOperandOfAnAwaitRunsThroughMemberAccessAndCalls() {
        DownlevelStructure s = of("await a.b(c)[0].d + 1");
        assertEquals("a . b ( c ) [ 0 ] . d", text(s.tokens, 1, s.unaryEnd(1)));
    }

    private static int indexOf(DownlevelTokens t, String token) {
        for (int i = 0; i < t.count(); i++) {
            if (t.is(i, token)) {
                return i;
            }
        }
        throw new AssertionError(token + " not found");
    }

    private static String text(DownlevelTokens t, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append(i > from ? " " : "").append(t.text(i));
        }
        return b.toString();
    }
}
