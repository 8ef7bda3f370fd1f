package dev.porthoster.engine.rhino.internal;

import java.util.Arrays;
import java.util.Set;

/**
 * The tokens of one source as {@link DownlevelLexer} found them: kind, extent in the source and 1-based line, by
 * index. Whitespace and comments are not tokens; they stay in the source between tokens, which is how the rewrite
 * keeps every line where it was.
 */
final class DownlevelTokens {

    enum Kind { IDENT, PUNCT, NUM, STR, TEMPLATE, REGEX }

    static final Set<String> KEYWORDS = Set.of("break", "case", "catch", "class", "const", "continue",
            "debugger", "default", "delete", "do", "else", "export", "extends", "finally", "for", "function", "if",
            "import", "in", "instanceof", "new", "return", "super", "switch", "this", "throw", "try", "typeof", "var",
            "void", "while", "with", "yield", "let", "static", "await", "of", "null", "true", "false");
    /** Words after which an expression starts (so a {@code /} there opens a regular expression). */
    static final Set<String> BEFORE_EXPRESSION = Set.of("return", "typeof", "instanceof", "in", "of", "new",
            "delete", "void", "throw", "case", "do", "else", "yield", "await");

    final String src;
    private Kind[] kind = new Kind[256];
    private int[] start = new int[256];
    private int[] end = new int[256];
    private int[] line = new int[256];
    private int n;

    DownlevelTokens(String src) {
        this.src = src;
    }

    void add(Kind k, int s, int e, int ln) {
        if (n == kind.length) {
            kind = Arrays.copyOf(kind, n * 2);
            start = Arrays.copyOf(start, n * 2);
            end = Arrays.copyOf(end, n * 2);
            line = Arrays.copyOf(line, n * 2);
        }
        kind[n] = k;
        start[n] = s;
        end[n] = e;
        line[n] = ln;
        n++;
    }

    /** How many tokens there are. */
    int count() {
        return n;
    }

    Kind kind(int i) {
        return kind[i];
    }

    int start(int i) {
        return start[i];
    }

    int end(int i) {
        return end[i];
    }

    int line(int i) {
        return line[i];
    }

    /** The token's text; empty outside the tokens. */
    String text(int i) {
        return i >= 0 && i < n ? src.substring(start[i], end[i]) : "";
    }

    /** Whether token {@code i} exists and is exactly {@code t}. */
    boolean is(int i, String t) {
        return i >= 0 && i < n && end[i] - start[i] == t.length() && src.startsWith(t, start[i]);
    }

    boolean ident(int i) {
        return i >= 0 && i < n && kind[i] == Kind.IDENT;
    }

    /** An identifier that is not a keyword: something a binding can be called. */
    boolean name(int i) {
        return ident(i) && !KEYWORDS.contains(text(i));
    }
}
