package dev.porthoster.engine.rhino.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.porthoster.engine.rhino.internal.DownlevelTokens.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the rewrite reads source text: the token boundaries every pass relies on. */
class DownlevelLexerTest {

    private static List<String> tokens(String src) {
        DownlevelTokens t = DownlevelLexer.tokenize(src);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.count(); i++) {
            out.add(t.kind(i) + " " + t.text(i));
        }
        return out;
    }

    @Test
    void aSlashAfterAValueDividesAndAfterAnOperatorOrKeywordStartsARegularExpression() {
        assertEquals(List.of("IDENT a", "PUNCT /", "IDENT b", "PUNCT /", "IDENT c"), tokens("a / b / c"));
        assertEquals(List.of("IDENT x", "PUNCT =", "REGEX /re\\/[/]x/g", "PUNCT .", "IDENT test"),
                tokens("x = /re\\/[/]x/g.test"));
        assertEquals(List.of("IDENT return", "REGEX /a/"), tokens("return /a/"));
        assertEquals(List.of("PUNCT )", "PUNCT /", "NUM 2"), tokens(") / 2"));
    }

    @Test
    void templateSubstitutionsAreTokenizedAsCodeEvenWhenNested() {
        assertEquals(List.of("TEMPLATE `a ${", "IDENT b", "PUNCT +", "TEMPLATE `c ${", "IDENT d", "TEMPLATE }`",
                "TEMPLATE } e`"), tokens("`a ${b + `c ${d}`} e`"));
        assertEquals(List.of("TEMPLATE `${", "PUNCT {", "IDENT k", "PUNCT }", "TEMPLATE }`"), tokens("`${{k}}`"));
    }

    @Test
    void commentsAndStringsAreSkippedOrWholeAndLinesCountThroughThem() {
        DownlevelTokens t = DownlevelLexer.tokenize("#!/usr/bin/env node\na // class\n/* x\n y */ 'it''s' `\n` b");
        assertEquals(List.of("IDENT a", "STR 'it'", "STR 's'", "TEMPLATE `\n`", "IDENT b"),
                tokens("a // class\n/* x\n y */ 'it''s' `\n` b"));
        assertEquals(2, t.line(0), "the hashbang line is not code");
        assertEquals(4, t.line(1));
        assertEquals(5, t.line(4), "after a template holding a line break");
    }

    @Test
    void longestPunctuatorWinsButAQuestionDotBeforeADigitIsAConditional() {
        assertEquals(List.of("IDENT a", "PUNCT >>>=", "IDENT b", "PUNCT ?.", "IDENT c", "PUNCT ...", "IDENT d"),
                tokens("a >>>= b?.c ...d"));
        assertEquals(List.of("IDENT a", "PUNCT ?", "NUM .5", "PUNCT :", "IDENT b"), tokens("a?.5:b"));
        assertEquals(Kind.NUM, DownlevelLexer.tokenize("1e-5").kind(0));
        assertEquals(1, DownlevelLexer.tokenize("1e-5").count());
    }
}
