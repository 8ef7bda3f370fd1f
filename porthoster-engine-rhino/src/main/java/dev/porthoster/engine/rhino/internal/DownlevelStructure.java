package dev.porthoster.engine.rhino.internal;

import dev.porthoster.engine.rhino.internal.DownlevelTokens.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What the rewrites need to know of the tokens' shape: which brackets match and how deep each token sits, where
 * each function, method and arrow is and whether it is async, and where an expression ends. Computed once, read by
 * every pass; an unmatched bracket has no match ({@code -1}) and the passes treat what follows it as running to the
 * end of the source.
 */
final class DownlevelStructure {

    /** A function, method or arrow: where its body is and whether it is async. */
    static final class Fn {
        int first;        // first token (async, function, name, or arrow params)
        int asyncToken = -1;
        int bodyOpen = -1;   // '{' of a block body, or -1 for an expression-bodied arrow
        int bodyFrom;     // first token of the body (inclusive)
        int bodyTo;       // last token of the body (inclusive)
        boolean arrow;
        boolean generator;
    }

    /** Keywords followed by a parenthesised head and a block: {@code if (...) {} } is not a method. */
    private static final Set<String> BLOCK_HEADS = Set.of("if", "for", "while", "switch", "catch", "with");

    final DownlevelTokens tokens;
    private final int n;
    /** The index of the bracket matching each bracket, or -1. */
    final int[] match;
    /** How many brackets enclose each token. */
    final int[] depth;
    private final List<Fn> fns = new ArrayList<>();
    private final Fn[] fnOf;

    DownlevelStructure(DownlevelTokens tokens) {
        this.tokens = tokens;
        this.n = tokens.count();
        this.match = new int[n];
        this.depth = new int[n];
        computeStructure();
        fnOf = new Fn[n];
        findFunctions();
    }

    /** Every function, method and arrow, in the order their bodies start. */
    List<Fn> functions() {
        return Collections.unmodifiableList(fns);
    }

    /** The innermost function whose body holds token {@code i}, or null at the top level. */
    Fn functionOf(int i) {
        return fnOf[i];
    }

    private String text(int i) {
        return tokens.text(i);
    }

    private boolean is(int i, String t) {
        return tokens.is(i, t);
    }

    private boolean ident(int i) {
        return tokens.ident(i);
    }

    private Kind kind(int i) {
        return tokens.kind(i);
    }

    private int line(int i) {
        return tokens.line(i);
    }

    private void computeStructure() {
        Arrays.fill(match, -1);
        int[] stack = new int[n + 1];
        int sp = 0;
        for (int i = 0; i < n; i++) {
            depth[i] = sp;
            if (kind(i) != Kind.PUNCT) {
                continue;
            }
            String t = text(i);
            if (t.equals("(") || t.equals("[") || t.equals("{")) {
                stack[sp++] = i;
            } else if ((t.equals(")") || t.equals("]") || t.equals("}")) && sp > 0) {
                int open = stack[--sp];
                match[open] = i;
                match[i] = open;
                depth[i] = sp;
            }
        }
    }

    private void findFunctions() {
        for (int i = 0; i < n; i++) {
            if (is(i, "=>")) {
                Fn f = new Fn();
                f.arrow = true;
                int params = is(i - 1, ")") ? match[i - 1] : i - 1;
                f.first = params;
                if (is(params - 1, "async") && !is(params - 2, ".")) {
                    f.asyncToken = params - 1;
                    f.first = params - 1;
                }
                if (is(i + 1, "{")) {
                    f.bodyOpen = i + 1;
                    f.bodyFrom = i + 1;
                    f.bodyTo = match[i + 1] < 0 ? n - 1 : match[i + 1];
                } else {
                    f.bodyFrom = i + 1;
                    f.bodyTo = expressionEnd(i + 1);
                }
                fns.add(f);
            } else if (is(i, "(") && match[i] > 0 && is(match[i] + 1, "{")) {
                int close = match[i];
                Fn f = new Fn();
                int k = i - 1;
                if (is(k, "function")) {
                    f.first = k;
                } else if (is(k, "*") && is(k - 1, "function")) {
                    f.generator = true;
                    f.first = k - 1;
                } else if (ident(k) && !BLOCK_HEADS.contains(text(k))) {
                    if (is(k - 1, "function")) {
                        f.first = k - 1;
                    } else if (is(k - 1, "*") && is(k - 2, "function")) {
                        f.generator = true;
                        f.first = k - 2;
                    } else if (is(k - 1, ".")) {
                        continue; // a call such as obj.if(...) { is not a thing; obj.name() { is not either
                    } else {
                        f.first = k; // a method
                        if (is(k - 1, "*")) {
                            f.generator = true;
                            f.first = k - 1;
                        }
                    }
                } else if (kind(Math.max(k, 0)) == Kind.STR || kind(Math.max(k, 0)) == Kind.NUM
                        || (is(k, "]") && match[k] >= 0)) {
                    f.first = is(k, "]") ? match[k] : k;
                    if (is(f.first - 1, "*")) {
                        f.generator = true;
                        f.first--;
                    }
                } else {
                    continue;
                }
                if (is(f.first - 1, "async") && !is(f.first - 2, ".")) {
                    f.asyncToken = f.first - 1;
                    f.first--;
                }
                f.bodyOpen = close + 1;
                f.bodyFrom = close + 1;
                f.bodyTo = match[close + 1] < 0 ? n - 1 : match[close + 1];
                fns.add(f);
            }
        }
        fns.sort(Comparator.comparingInt(f -> f.bodyFrom));
        for (Fn f : fns) {
            for (int i = f.bodyFrom; i <= f.bodyTo && i < n; i++) {
                fnOf[i] = f;
            }
        }
    }

    /** Whether token i belongs to the function whose body opens at {@code open} (arrows inside count). */
    boolean inOwnBody(int i, int open) {
        Fn f = fnOf[i];
        while (f != null && f.arrow) {
            f = f.first > 0 && fnOf[f.first] != null ? fnOf[f.first] : null;
        }
        return f != null && f.bodyOpen == open;
    }

    /** Whether the brackets opening at {@code open} hold a {@code ...} of their own (not of a nested bracket). */
    boolean hasSpread(int open) {
        for (int k = open + 1; k < match[open]; k++) {
            if (is(k, "...") && depth[k] == depth[open] + 1) {
                return true;
            }
        }
        return false;
    }

    /** The last token of an expression starting at {@code from}: up to a comma, semicolon or closer at its depth. */
    int expressionEnd(int from) {
        int i = from;
        int last = from;
        while (i < n) {
            if (is(i, "(") || is(i, "[") || is(i, "{")) {
                if (match[i] < 0) {
                    return n - 1;
                }
                last = match[i];
                i = match[i] + 1;
                continue;
            }
            if (is(i, ",") || is(i, ";") || is(i, ")") || is(i, "]") || is(i, "}")) {
                return last;
            }
            // a new statement on the next line after a complete expression
            if (i > from && line(i) > line(last) && endsExpression(last) && startsStatement(i)) {
                return last;
            }
            last = i;
            i++;
        }
        return last;
    }

    boolean endsExpression(int i) {
        return kind(i) != Kind.PUNCT || is(i, ")") || is(i, "]") || is(i, "}") || is(i, "++") || is(i, "--");
    }

    boolean startsStatement(int i) {
        return kind(i) == Kind.IDENT && !is(i, "in") && !is(i, "of") && !is(i, "instanceof");
    }

    /** The last token of the unary expression starting at {@code i} (the operand of an await). */
    int unaryEnd(int i) {
        while (i < n && (is(i, "!") || is(i, "-") || is(i, "+") || is(i, "~") || is(i, "typeof") || is(i, "void")
                || is(i, "delete") || is(i, "await"))) {
            i++;
        }
        if (is(i, "new")) {
            int callee = postfixEnd(i + 1, false);
            return is(callee + 1, "(") && match[callee + 1] > 0 ? postfixEnd(match[callee + 1] + 1, true) - 0
                    : callee;
        }
        int last;
        if (is(i, "(") || is(i, "[") || is(i, "{")) {
            last = match[i] < 0 ? n - 1 : match[i];
        } else if (is(i, "function") || is(i, "async") && is(i + 1, "function")) {
            int open = i;
            while (open < n && !is(open, "{")) {
                open++;
            }
            last = open < n && match[open] > 0 ? match[open] : n - 1;
        } else {
            last = i;
        }
        return postfixEnd(last + 1, true) ;
    }

    /** Extends an expression ending just before {@code i} through member accesses and (if allowed) calls. */
    int postfixEnd(int i, boolean calls) {
        int last = i - 1;
        if (!calls) {
            last = i; // i is the primary itself
            i++;
        }
        while (i < n) {
            if ((is(i, ".") || is(i, "?.")) && i + 1 < n) {
                if (is(i, "?.") && (is(i + 1, "(") || is(i + 1, "[")) && match[i + 1] > 0) {
                    last = match[i + 1];
                    i = last + 1;
                } else {
                    last = i + 1;
                    i += 2;
                }
            } else if (is(i, "[") && match[i] > 0) {
                last = match[i];
                i = last + 1;
            } else if (calls && is(i, "(") && match[i] > 0) {
                last = match[i];
                i = last + 1;
            } else if (kind(i) == Kind.TEMPLATE && tokens.src.charAt(tokens.start(i)) == '`'
                    && line(i) == line(last)) {
                last = i;
                i++;
            } else {
                break;
            }
        }
        return last;
    }

    /** The first token of the member expression ending at {@code last}. */
    int postfixStart(int last) {
        int i = last;
        while (i >= 0) {
            if ((is(i, ")") || is(i, "]")) && match[i] >= 0) {
                i = match[i];
                if (i > 0 && (ident(i - 1) && !DownlevelTokens.KEYWORDS.contains(text(i - 1)) || is(i - 1, ")")
                        || is(i - 1, "]") || is(i - 1, "this"))) {
                    i--;
                    continue;
                }
                return i;
            }
            if (is(i - 1, ".") || is(i - 1, "?.")) {
                i -= 2;
                continue;
            }
            return i;
        }
        return 0;
    }
}
