package dev.porthoster.engine.rhino.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Rewrites the modern JavaScript a handler is written in into the dialect Rhino 1.9 parses, token by token and
 * <em>without moving a line</em>, so every error still names the handler's own line.
 *
 * <p>What it rewrites: ES module {@code import}/{@code export} (into a function taking an import function and an
 * exports object), {@code class} declarations and expressions (constructor, methods, accessors, static members,
 * fields, {@code extends} of script and built-in classes, {@code super}), {@code async} functions, methods and arrows
 * with {@code await} (into generators driven by a promise), {@code const} (into {@code let}: Rhino binds a const
 * once per function, so one inside a loop would keep its first value), {@code for (let ...)} loop variables (a
 * fresh binding per iteration, which Rhino does not give), spread arguments in calls
 * and trailing commas in argument lists, rest parameters of arrows.
 *
 * <p>What it refuses, with the line: private {@code #names}, {@code static} blocks, async generators,
 * {@code for await}, top-level {@code await}, object rest in destructuring, spread in {@code new}, {@code new.target},
 * {@code import.meta} and dynamic {@code import()}. The checks are lexical: an unusual construct the rewriter
 * misreads still reaches Rhino's parser, which reports it with its line.
 *
 * <p>Helpers the output calls ({@code __ph_async}, {@code __ph_def}, ...) come from {@code rhino-support.js}.
 */
public final class Downlevel {

    /** A construct Rhino cannot run, at a 1-based line of the input. */
    public record Problem(int line, String message) {
    }

    /** The rewritten source and what could not be rewritten. */
    public record Result(String code, List<Problem> problems) {
    }

    private enum Kind { IDENT, PUNCT, NUM, STR, TEMPLATE, REGEX }

    private static final Set<String> KEYWORDS = Set.of("break", "case", "catch", "class", "const", "continue",
            "debugger", "default", "delete", "do", "else", "export", "extends", "finally", "for", "function", "if",
            "import", "in", "instanceof", "new", "return", "super", "switch", "this", "throw", "try", "typeof", "var",
            "void", "while", "with", "yield", "let", "static", "await", "of", "null", "true", "false");
    private static final Set<String> BEFORE_EXPRESSION = Set.of("return", "typeof", "instanceof", "in", "of", "new",
            "delete", "void", "throw", "case", "do", "else", "yield", "await");
    /** Keywords followed by a parenthesised head and a block: {@code if (...) {} } is not a method. */
    private static final Set<String> BLOCK_HEADS = Set.of("if", "for", "while", "switch", "catch", "with");
    private static final String[] PUNCTUATORS = {">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=",
        "||=", "??=", "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=",
        "&=", "|=", "^=", "**", "<<", ">>"};

    private final String src;
    private final List<Problem> problems = new ArrayList<>();
    // tokens
    private Kind[] kind = new Kind[256];
    private int[] start = new int[256];
    private int[] end = new int[256];
    private int[] line = new int[256];
    private int n;
    // structure
    private int[] match;
    private int[] depth;
    // edits
    private String[] out;
    private String[] pre;
    private String[] post;
    private int generated;

    private Downlevel(String src) {
        this.src = src;
    }

    /** Rewrites a plain script (the shared prelude): everything but import/export. */
    public static Result script(String source) {
        Downlevel d = new Downlevel(source);
        d.run(false);
        return new Result(d.render(), List.copyOf(d.problems));
    }

    /**
     * Rewrites an ES module into {@code (function (__ph_import, __ph_exports) { ... })}: the import function takes a
     * specifier and returns that module's exports object; exports are defined on {@code __ph_exports} as getters.
     */
    public static Result module(String source) {
        Downlevel d = new Downlevel(source);
        List<String[]> exports = d.run(true);
        StringBuilder code = new StringBuilder("(function (__ph_import, __ph_exports) {'use strict'; ");
        code.append(d.render());
        code.append(' ');
        for (String[] e : exports) {
            code.append(e[0].equals("*") ? "__ph_exportStar(__ph_exports, " + e[1] + ");"
                    : "__ph_export(__ph_exports, '" + e[0] + "', function () { return " + e[1] + "; });");
        }
        code.append("\n})");
        return new Result(code.toString(), List.copyOf(d.problems));
    }

    // ------------------------------------------------------------------ tokens

    private void add(Kind k, int s, int e, int ln) {
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

    private void tokenize() {
        java.util.ArrayDeque<Integer> templates = new java.util.ArrayDeque<>();
        int braces = 0;
        int i = 0;
        int ln = 1;
        int len = src.length();
        if (src.startsWith("#!")) {
            while (i < len && src.charAt(i) != '\n') {
                i++;
            }
        }
        while (i < len) {
            char c = src.charAt(i);
            if (c == '\n') {
                ln++;
                i++;
            } else if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (c == '/' && i + 1 < len && src.charAt(i + 1) == '/') {
                while (i < len && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < len && src.charAt(i + 1) == '*') {
                int close = src.indexOf("*/", i + 2);
                int stop = close < 0 ? len : close + 2;
                ln += count(i, stop);
                i = stop;
            } else if (Character.isJavaIdentifierStart(c) || c == '#' || c == '\\') {
                int s = i++;
                while (i < len && (Character.isJavaIdentifierPart(src.charAt(i)) || src.charAt(i) == '\\')
                        && src.charAt(i) != '\u0000') {
                    i++;
                }
                add(Kind.IDENT, s, i, ln);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < len && Character.isDigit(src.charAt(i + 1)))) {
                int s = i++;
                while (i < len) {
                    char d = src.charAt(i);
                    if (Character.isLetterOrDigit(d) || d == '_' || d == '.') {
                        i++;
                    } else if ((d == '+' || d == '-') && (src.charAt(i - 1) == 'e' || src.charAt(i - 1) == 'E')
                            && !src.substring(s, i).startsWith("0x") && !src.substring(s, i).startsWith("0X")) {
                        i++;
                    } else {
                        break;
                    }
                }
                add(Kind.NUM, s, i, ln);
            } else if (c == '"' || c == '\'') {
                int s = i++;
                while (i < len && src.charAt(i) != c && src.charAt(i) != '\n') {
                    i += src.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(len, i + 1);
                ln += count(s, i);
                add(Kind.STR, s, i, ln - count(s, i));
            } else if (c == '`' || (c == '}' && !templates.isEmpty() && templates.peek() == braces)) {
                // a template chunk: `...${  or  }...${  or  }...`  (substitutions are tokenized as code)
                if (c == '}') {
                    templates.pop();
                }
                int s = i++;
                boolean open = false;
                while (i < len) {
                    char d = src.charAt(i);
                    if (d == '\\') {
                        i += 2;
                    } else if (d == '`') {
                        i++;
                        break;
                    } else if (d == '$' && i + 1 < len && src.charAt(i + 1) == '{') {
                        i += 2;
                        open = true;
                        break;
                    } else {
                        i++;
                    }
                }
                i = Math.min(i, len);
                add(Kind.TEMPLATE, s, i, ln);
                ln += count(s, i);
                if (open) {
                    templates.push(braces);
                }
            } else if (c == '/' && regexAllowed()) {
                int s = i++;
                boolean inClass = false;
                while (i < len && src.charAt(i) != '\n') {
                    char d = src.charAt(i);
                    if (d == '\\') {
                        i += 2;
                        continue;
                    }
                    if (d == '[') {
                        inClass = true;
                    } else if (d == ']') {
                        inClass = false;
                    } else if (d == '/' && !inClass) {
                        break;
                    }
                    i++;
                }
                i = Math.min(len, i + 1);
                while (i < len && Character.isLetter(src.charAt(i))) {
                    i++;
                }
                add(Kind.REGEX, s, i, ln);
            } else {
                int s = i;
                String p = String.valueOf(c);
                for (String candidate : PUNCTUATORS) {
                    if (src.startsWith(candidate, i)) {
                        // "?." followed by a digit is a conditional and a number: a ?.5 : b
                        if (candidate.equals("?.") && i + 2 < len && Character.isDigit(src.charAt(i + 2))) {
                            continue;
                        }
                        p = candidate;
                        break;
                    }
                }
                i += p.length();
                if (p.equals("{")) {
                    braces++;
                } else if (p.equals("}")) {
                    braces--;
                }
                add(Kind.PUNCT, s, i, ln);
            }
        }
    }

    private int count(int from, int to) {
        int lines = 0;
        for (int i = from; i < to && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private boolean regexAllowed() {
        if (n == 0) {
            return true;
        }
        int p = n - 1;
        String t = text(p);
        return switch (kind[p]) {
            case PUNCT -> !t.equals(")") && !t.equals("]") && !t.equals("}");
            case IDENT -> BEFORE_EXPRESSION.contains(t);
            case TEMPLATE -> t.endsWith("${");
            default -> false;
        };
    }

    private String text(int i) {
        return i >= 0 && i < n ? src.substring(start[i], end[i]) : "";
    }

    private boolean is(int i, String t) {
        return i >= 0 && i < n && end[i] - start[i] == t.length() && src.startsWith(t, start[i]);
    }

    private boolean ident(int i) {
        return i >= 0 && i < n && kind[i] == Kind.IDENT;
    }

    private boolean name(int i) {
        return ident(i) && !KEYWORDS.contains(text(i));
    }

    private void problem(int i, String message) {
        problems.add(new Problem(line[Math.max(0, Math.min(i, n - 1))], message));
    }

    private void computeStructure() {
        match = new int[n];
        depth = new int[n];
        Arrays.fill(match, -1);
        int[] stack = new int[n + 1];
        int sp = 0;
        for (int i = 0; i < n; i++) {
            depth[i] = sp;
            if (kind[i] != Kind.PUNCT) {
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

    // ------------------------------------------------------------------ functions

    /** A function, method or arrow: where its body is and whether it is async. */
    private static final class Fn {
        int first;        // first token (async, function, name, or arrow params)
        int asyncToken = -1;
        int bodyOpen = -1;   // '{' of a block body, or -1 for an expression-bodied arrow
        int bodyFrom;     // first token of the body (inclusive)
        int bodyTo;       // last token of the body (inclusive)
        boolean arrow;
        boolean generator;
    }

    private final List<Fn> fns = new ArrayList<>();
    private Fn[] fnOf;

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
                } else if (kind[Math.max(k, 0)] == Kind.STR || kind[Math.max(k, 0)] == Kind.NUM
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
        fnOf = new Fn[n];
        for (Fn f : fns) {
            for (int i = f.bodyFrom; i <= f.bodyTo && i < n; i++) {
                fnOf[i] = f;
            }
        }
    }

    /** The last token of an expression starting at {@code from}: up to a comma, semicolon or closer at its depth. */
    private int expressionEnd(int from) {
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
            if (i > from && line[i] > line[last] && endsExpression(last) && startsStatement(i)) {
                return last;
            }
            last = i;
            i++;
        }
        return last;
    }

    private boolean endsExpression(int i) {
        return kind[i] != Kind.PUNCT || is(i, ")") || is(i, "]") || is(i, "}") || is(i, "++") || is(i, "--");
    }

    private boolean startsStatement(int i) {
        return kind[i] == Kind.IDENT && !is(i, "in") && !is(i, "of") && !is(i, "instanceof");
    }

    /** The last token of the unary expression starting at {@code i} (the operand of an await). */
    private int unaryEnd(int i) {
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
    private int postfixEnd(int i, boolean calls) {
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
            } else if (kind[i] == Kind.TEMPLATE && src.charAt(start[i]) == '`' && line[i] == line[last]) {
                last = i;
                i++;
            } else {
                break;
            }
        }
        return last;
    }

    // ------------------------------------------------------------------ the rewrite

    private List<String[]> run(boolean module) {
        tokenize();
        computeStructure();
        out = new String[n];
        pre = new String[n];
        post = new String[n];
        findFunctions();
        refuseUnsupported();
        List<String[]> exports = module ? modules() : List.of();
        if (!module) {
            for (int i = 0; i < n; i++) {
                if ((is(i, "import") && !is(i - 1, ".") && depth[i] == 0 && !is(i + 1, "("))
                        || (is(i, "export") && depth[i] == 0)) {
                    problem(i, "import and export belong in handler modules, not scripts");
                }
            }
        }
        classes();
        arrowRest();
        asyncFunctions();
        loopBindings();
        smallRewrites();
        return exports;
    }

    private void refuseUnsupported() {
        for (int i = 0; i < n; i++) {
            String t = text(i);
            if (kind[i] == Kind.IDENT && t.startsWith("#")) {
                problem(i, "private class members (" + t + ") are not supported on Rhino; use a plain property or a "
                        + "closure variable, or run with --engine graal");
            } else if (is(i, "new") && is(i + 1, ".") && is(i + 2, "target")) {
                problem(i, "new.target is not supported on Rhino");
            } else if (is(i, "import") && (is(i + 1, "(") || is(i + 1, ".")) && !is(i - 1, ".")) {
                problem(i, "dynamic import() and import.meta are not supported on Rhino; use a static import");
            } else if (is(i, "for") && is(i + 1, "await")) {
                problem(i, "for await is not supported on Rhino; await each promise in a plain loop");
            } else if (is(i, "async") && (is(i + 1, "*") || is(i + 1, "function") && is(i + 2, "*"))) {
                problem(i, "async generators are not supported on Rhino");
            } else if (is(i, "static") && is(i + 1, "{")) {
                problem(i, "static initialization blocks are not supported on Rhino");
            } else if (is(i, "new")) {
                int callee = postfixEnd(i + 1, false);
                if (is(callee + 1, "(") && hasSpread(callee + 1)) {
                    problem(i, "spread arguments in new are not supported on Rhino; pass the values one by one");
                }
            } else if (is(i, "...") && is(i - 1, "{") || is(i, "...") && is(i - 1, ",") && objectPattern(i)) {
                if (objectPattern(i)) {
                    problem(i, "object rest in destructuring ({ a, ...rest }) is not supported on Rhino; copy the "
                            + "object and delete the keys you took");
                }
            }
        }
    }

    private boolean hasSpread(int open) {
        for (int k = open + 1; k < match[open]; k++) {
            if (is(k, "...") && depth[k] == depth[open] + 1) {
                return true;
            }
        }
        return false;
    }

    /** Whether the "..." at i is inside an object pattern rather than an object literal. */
    private boolean objectPattern(int i) {
        int open = i;
        int d = depth[i];
        while (open >= 0 && !(depth[open] == d - 1 && is(open, "{"))) {
            open--;
        }
        if (open < 0 || match[open] < 0) {
            return false;
        }
        int close = match[open];
        int before = open - 1;
        if (is(close + 1, "=") && !is(close + 2, "=") && !is(close + 1, "==")) {
            return true;
        }
        if (is(before, "const") || is(before, "let") || is(before, "var")) {
            return true;
        }
        // a parameter: ({ a, ...rest }) => or function f({ a, ...rest })
        int p = before;
        while (p >= 0 && depth[p] >= depth[open]) {
            p--;
        }
        if (p >= 0 && is(p, "(") && match[p] > 0 && (is(match[p] + 1, "=>") || is(match[p] + 1, "{"))) {
            for (Fn f : fns) {
                if (f.bodyFrom == match[p] + 1 || f.bodyFrom == match[p] + 2) {
                    return true;
                }
            }
        }
        return false;
    }

    private void set(int i, String text) {
        if (i >= 0 && i < n) {
            out[i] = text;
        }
    }

    private void before(int i, String text) {
        pre[i] = pre[i] == null ? text : pre[i] + text;
    }

    private void after(int i, String text) {
        post[i] = post[i] == null ? text : text + post[i];
    }

    private void blank(int from, int to) {
        for (int i = from; i <= to && i < n; i++) {
            out[i] = "";
        }
    }

    private String render() {
        StringBuilder b = new StringBuilder(src.length() + src.length() / 4);
        int at = 0;
        for (int i = 0; i < n; i++) {
            b.append(src, at, start[i]);
            if (pre[i] != null) {
                b.append(pre[i]);
            }
            b.append(out[i] != null ? out[i] : src.substring(start[i], end[i]));
            if (post[i] != null) {
                b.append(post[i]);
            }
            at = end[i];
        }
        b.append(src, at, src.length());
        return b.toString();
    }

    // ---- import / export

    private List<String[]> modules() {
        List<String[]> exports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (depth[i] != 0 || is(i - 1, ".")) {
                continue;
            }
            if (is(i, "import") && !is(i + 1, "(") && !is(i + 1, ".")) {
                i = rewriteImport(i);
            } else if (is(i, "export")) {
                i = rewriteExport(i, exports);
            }
        }
        return exports;
    }

    private int statementEnd(int last) {
        return is(last + 1, ";") ? last + 1 : last;
    }

    private int rewriteImport(int i) {
        if (kind[i + 1] == Kind.STR) {
            set(i, "__ph_import(");
            after(i + 1, ")");
            return i + 1;
        }
        int from = i + 1;
        while (from < n && !is(from, "from")) {
            from++;
        }
        if (from + 1 >= n || kind[from + 1] != Kind.STR) {
            problem(i, "cannot read this import statement; write import { name } from './file.js'");
            return from;
        }
        String spec = "__ph_import(" + text(from + 1) + ")";
        List<String> parts = new ArrayList<>();
        int k = i + 1;
        while (k < from) {
            if (is(k, "*") && is(k + 1, "as")) {
                parts.add(text(k + 2) + " = " + spec);
                k += 3;
            } else if (is(k, "{")) {
                int close = match[k];
                StringBuilder names = new StringBuilder("{");
                for (int j = k + 1; j < close; j++) {
                    if (is(j, "as")) {
                        names.append(": ");
                    } else if (is(j, ",")) {
                        names.append(", ");
                    } else {
                        names.append(text(j));
                    }
                }
                parts.add(names.append("} = ").append(spec).toString());
                k = close + 1;
            } else if (is(k, ",")) {
                k++;
            } else {
                parts.add(text(k) + " = " + spec + ".default");
                k++;
            }
        }
        int last = statementEnd(from + 1);
        blank(i, last);
        set(i, "let " + String.join(", ", parts) + ";");
        return last;
    }

    private int rewriteExport(int i, List<String[]> exports) {
        int k = i + 1;
        if (is(k, "default")) {
            int decl = is(k + 1, "async") ? k + 2 : k + 1;
            if ((is(decl, "function") || is(decl, "class")) && name(decl + 1 + (is(decl + 1, "*") ? 1 : 0))) {
                set(i, "");
                set(k, "");
                exports.add(new String[] {"default", text(decl + 1 + (is(decl + 1, "*") ? 1 : 0))});
                return k;
            }
            set(i, "");
            set(k, "let __ph_default =");
            exports.add(new String[] {"default", "__ph_default"});
            return k;
        }
        if (is(k, "async") || is(k, "function") || is(k, "class")) {
            int d = is(k, "async") ? k + 1 : k;
            int nameAt = d + 1 + (is(d + 1, "*") ? 1 : 0);
            set(i, "");
            exports.add(new String[] {text(nameAt), text(nameAt)});
            return i;
        }
        if (is(k, "const") || is(k, "let") || is(k, "var")) {
            set(i, "");
            int j = k + 1;
            boolean expectName = true;
            while (j < n && depth[j] >= depth[k]) {
                if (depth[j] == depth[k]) {
                    if (is(j, ";")) {
                        break;
                    }
                    if (expectName) {
                        if (!name(j)) {
                            problem(j, "export of a destructuring declaration is not supported on Rhino; declare "
                                    + "the names, then export them");
                            break;
                        }
                        exports.add(new String[] {text(j), text(j)});
                        expectName = false;
                    } else if (is(j, ",")) {
                        expectName = true;
                    } else if (line[j] > line[j - 1] && !is(j - 1, ",") && !is(j - 1, "=") && endsExpression(j - 1)
                            && startsStatement(j)) {
                        break;
                    }
                }
                j++;
            }
            return k;
        }
        if (is(k, "{")) {
            int close = match[k];
            boolean reexport = is(close + 1, "from");
            String spec = reexport ? "__ph_import(" + text(close + 2) + ")" : null;
            for (int j = k + 1; j < close; j++) {
                if (is(j, ",")) {
                    continue;
                }
                String local = text(j);
                String exported = local;
                if (is(j + 1, "as")) {
                    exported = text(j + 2);
                    j += 2;
                }
                exports.add(new String[] {exported, reexport ? spec + "['" + local + "']" : local});
            }
            int last = statementEnd(reexport ? close + 2 : close);
            blank(i, last);
            return last;
        }
        if (is(k, "*") && is(k + 1, "from")) {
            exports.add(new String[] {"*", "__ph_import(" + text(k + 2) + ")"});
            int last = statementEnd(k + 2);
            blank(i, last);
            return last;
        }
        problem(i, "cannot read this export statement");
        return i;
    }

    // ---- classes

    private void classes() {
        for (int i = 0; i < n; i++) {
            if (is(i, "class") && !is(i - 1, ".")) {
                rewriteClass(i);
            }
        }
    }

    private void rewriteClass(int c) {
        int k = c + 1;
        String cls;
        if (name(k)) {
            cls = text(k);
            k++;
        } else {
            cls = "__ph_class" + (++generated);
        }
        int body = k;
        String base = null;
        if (is(k, "extends")) {
            body = k + 1;
            while (body < n && !(is(body, "{") && depth[body] == depth[c])) {
                if (match[body] > body && !is(body, "{")) {
                    body = match[body];
                }
                body++;
            }
            StringBuilder b = new StringBuilder();
            for (int j = k + 1; j < body; j++) {
                b.append(text(j)).append(' ');
            }
            base = b.toString().trim();
        }
        if (body >= n || match[body] < 0) {
            problem(c, "cannot read this class");
            return;
        }
        int close = match[body];
        int prev = c - 1;
        while (prev >= 0 && "".equals(out[prev])) {
            prev--;
        }
        // An expression follows an operator or a keyword that takes an operand; after a statement's end
        // (";", "}", or ")" / "]" ending the previous line without a semicolon) it is a declaration.
        boolean expression = prev >= 0 && (kind[prev] == Kind.PUNCT && !is(prev, ";") && !is(prev, "}")
                && !is(prev, "{") && !is(prev, ")") && !is(prev, "]") || BEFORE_EXPRESSION.contains(text(prev))
                || is(prev, "default"));
        boolean derived = base != null;
        blank(c, body);
        set(c, (expression ? "" : "var " + cls + " = ") + "(function (__ph_super) { __ph_inherits(" + cls
                + ", __ph_super);");
        boolean hasConstructor = false;
        int m = body + 1;
        while (m < close) {
            if (is(m, ";")) {
                m++;
                continue;
            }
            int first = m;
            boolean isStatic = false;
            boolean getter = false;
            boolean setter = false;
            boolean gen = false;
            if (is(m, "static") && !is(m + 1, "(") && !is(m + 1, "=")) {
                isStatic = true;
                set(m++, "");
            }
            if (is(m, "async") && !is(m + 1, "(") && !is(m + 1, "=") && line[m + 1] == line[m]) {
                set(m++, "");
            }
            if ((is(m, "get") || is(m, "set")) && !is(m + 1, "(") && !is(m + 1, "=") && !is(m + 1, ";")
                    && !is(m + 1, "}")) {
                getter = is(m, "get");
                setter = !getter;
                set(m++, "");
            }
            if (is(m, "*")) {
                gen = true;
                set(m++, "");
            }
            String target = isStatic ? cls : cls + ".prototype";
            String define = getter ? "__ph_get" : setter ? "__ph_set" : "__ph_def";
            int keyEnd = m;
            String key;
            if (is(m, "[") && match[m] > 0) {
                keyEnd = match[m];
                key = null;
            } else if (kind[m] == Kind.STR || kind[m] == Kind.NUM) {
                key = text(m);
            } else {
                key = "'" + text(m) + "'";
            }
            if (is(keyEnd + 1, "(") && match[keyEnd + 1] > 0 && is(match[keyEnd + 1] + 1, "{")) {
                int bodyOpen = match[keyEnd + 1] + 1;
                int bodyClose = match[bodyOpen];
                if (!isStatic && key != null && key.equals("'constructor'")) {
                    hasConstructor = true;
                    set(m, "function " + cls);
                    constructorBody(cls, derived, bodyOpen, bodyClose);
                } else {
                    String opening = define + "(" + target + ", ";
                    if (key == null) {
                        set(m, opening);
                        set(keyEnd, ", function" + (gen ? "*" : ""));
                    } else {
                        set(m, opening + key + ", function" + (gen ? "*" : ""));
                    }
                    after(bodyClose, ");");
                    superCalls(bodyOpen, bodyClose, isStatic ? "__ph_super" : "__ph_super.prototype", "this");
                }
                m = bodyClose + 1;
            } else {
                // a field: name [= initializer] [;]
                int valueEnd = is(keyEnd + 1, "=") ? expressionEnd(keyEnd + 2) : keyEnd;
                String keyText = key == null ? null : key;
                if (key == null) {
                    set(m, isStatic ? "__ph_def(" + cls + ", " : "__ph_field(" + cls + ", ");
                } else {
                    set(m, (isStatic ? "__ph_def(" + cls + ", " : "__ph_field(" + cls + ", ") + keyText);
                }
                if (key == null) {
                    set(keyEnd, "");
                }
                if (is(keyEnd + 1, "=")) {
                    if (isStatic) {
                        set(keyEnd + 1, ", (function () { return ");
                        after(valueEnd, "; }).call(" + cls + "));");
                    } else {
                        set(keyEnd + 1, ", function () { return ");
                        after(valueEnd, "; });");
                    }
                } else {
                    after(keyEnd, isStatic ? ", undefined);" : ", function () { return undefined; });");
                }
                m = valueEnd + 1;
                if (is(m, ";")) {
                    set(m++, "");
                }
            }
            if (m == first) {
                m++;
            }
        }
        String ending = "";
        if (!hasConstructor) {
            ending = derived ? "function " + cls + "() { return __ph_construct(__ph_super, arguments, this, "
                    + cls + "); } " : "function " + cls + "() { __ph_initFields(" + cls + ", this); } ";
        }
        set(close, ending + "return " + cls + "; })(" + (base == null ? "null" : base) + ")"
                + (expression ? "" : ";"));
    }

    private void constructorBody(String cls, boolean derived, int open, int close) {
        if (!derived) {
            after(open, " __ph_initFields(" + cls + ", this);");
            superCalls(open, close, "__ph_super.prototype", "this");
            return;
        }
        after(open, " var __ph_this = this;");
        before(close, " return __ph_this; ");
        for (int i = open + 1; i < close; i++) {
            if (!inOwnBody(i, open)) {
                continue;
            }
            if (is(i, "this") && !is(i - 1, ".")) {
                set(i, "__ph_this");
            } else if (is(i, "super") && is(i + 1, "(") && match[i + 1] > 0) {
                set(i, "(__ph_this = __ph_construct(__ph_super, [");
                set(i + 1, "");
                set(match[i + 1], "], this, " + cls + "))");
            }
        }
        superCalls(open, close, "__ph_super.prototype", "__ph_this");
    }

    /** Whether token i belongs to the function whose body opens at {@code open} (arrows inside count). */
    private boolean inOwnBody(int i, int open) {
        Fn f = fnOf[i];
        while (f != null && f.arrow) {
            f = f.first > 0 && fnOf[f.first] != null ? fnOf[f.first] : null;
        }
        return f != null && f.bodyOpen == open;
    }

    private void superCalls(int open, int close, String home, String self) {
        for (int i = open + 1; i < close; i++) {
            if (is(i, "super") && (is(i + 1, ".") || is(i + 1, "[")) && inOwnBody(i, open)) {
                set(i, home);
                int member = is(i + 1, ".") ? i + 2 : match[i + 1];
                if (is(member + 1, "(") && match[member + 1] > 0) {
                    boolean noArgs = match[member + 1] == member + 2;
                    set(member + 1, ".call(" + self + (noArgs ? "" : ", "));
                }
            }
        }
    }

    // ---- (a, ...rest) => body: Rhino takes rest parameters in functions only

    private void arrowRest() {
        for (Fn f : fns) {
            if (!f.arrow) {
                continue;
            }
            int params = f.asyncToken >= 0 ? f.asyncToken + 1 : f.first;
            if (!is(params, "(") || !hasSpread(params)) {
                continue;
            }
            before(params, "(function ");
            set(match[params] + 1, "");
            if (f.bodyOpen >= 0) {
                after(f.bodyTo, ").bind(this)");
            } else {
                before(f.bodyFrom, "{ return ");
                after(f.bodyTo, "; }).bind(this)");
            }
        }
    }

    // ---- async functions and await

    private void asyncFunctions() {
        List<int[]> edits = new ArrayList<>(); // {start, kind(0 fn,1 await), index}
        for (int f = 0; f < fns.size(); f++) {
            if (fns.get(f).asyncToken >= 0) {
                edits.add(new int[] {fns.get(f).first, 0, f});
            }
        }
        for (int i = 0; i < n; i++) {
            if (is(i, "await") && !is(i - 1, ".") && !is(i + 1, ":")) {
                edits.add(new int[] {i, 1, i});
            }
        }
        edits.sort(Comparator.<int[]>comparingInt(e -> e[0]).thenComparingInt(e -> e[1]));
        for (int[] e : edits) {
            if (e[1] == 0) {
                Fn f = fns.get(e[2]);
                set(f.asyncToken, "");
                String self = f.arrow ? "this, undefined" : "this, arguments";
                if (f.bodyOpen >= 0) {
                    after(f.bodyOpen, " return __ph_async(" + self + ", function* () {");
                    before(f.bodyTo, "}); ");
                } else {
                    before(f.bodyFrom, "__ph_async(" + self + ", function* () { return ");
                    after(f.bodyTo, "; })");
                }
            } else {
                int i = e[2];
                Fn f = fnOf[i];
                if (f == null) {
                    problem(i, "top-level await is not supported on Rhino; await inside open(ctx) or the handler");
                    continue;
                }
                if (f.asyncToken < 0) {
                    problem(i, "await is only valid in async functions; mark the enclosing function async");
                    continue;
                }
                set(i, "(yield");
                after(unaryEnd(i + 1), ")");
            }
        }
    }

    // ---- for (let ...) { }: Rhino shares one binding across iterations, so closures made in the body all see the
    // last value. The body gets its own per-iteration let, copied from (and for classic loops back to) a renamed
    // loop variable; Rhino does give a let declared inside the body a fresh binding per iteration.

    private void loopBindings() {
        for (int i = 0; i < n; i++) {
            if (!is(i, "for") || !is(i + 1, "(") || !(is(i + 2, "let") || is(i + 2, "const")) || match[i + 1] < 0) {
                continue;
            }
            int open = i + 1;
            int close = match[open];
            int body = close + 1;
            int bodyEnd;
            boolean block = is(body, "{") && match[body] > 0;
            if (block) {
                bodyEnd = match[body];
            } else {
                // a single statement: braced here when it is a plain one ending in ';' (an expression, a return)
                if (body >= n || Set.of("if", "for", "while", "do", "switch", "try", "function", "class", "let",
                        "const", "var", ";", "{").contains(text(body))) {
                    continue;
                }
                bodyEnd = -1;
                for (int k = body; k < n && depth[k] >= depth[body]; k++) {
                    if (depth[k] == depth[body] && is(k, ";")) {
                        bodyEnd = k;
                        break;
                    }
                }
                if (bodyEnd < 0) {
                    continue;
                }
            }
            int inner = depth[open] + 1;
            int ofIn = -1;
            int firstSemi = -1;
            for (int k = i + 3; k < close; k++) {
                if (depth[k] == inner && (is(k, "of") || is(k, "in")) && ofIn < 0 && firstSemi < 0) {
                    ofIn = k;
                } else if (depth[k] == inner && is(k, ";") && firstSemi < 0) {
                    firstSemi = k;
                }
            }
            String it = "__ph_loop" + (++generated);
            if (ofIn > 0) {
                StringBuilder binding = new StringBuilder();
                for (int k = i + 3; k < ofIn; k++) {
                    binding.append(text(k)).append(' ');
                    set(k, "");
                }
                set(i + 2, "let");
                set(i + 3, it);
                String copyIn = " let " + binding.toString().trim() + " = " + it + ";";
                if (block) {
                    after(body, copyIn);
                } else {
                    before(body, "{" + copyIn + " ");
                    after(bodyEnd, " }");
                }
            } else if (firstSemi > 0) {
                List<String> names = new ArrayList<>();
                boolean expectName = true;
                for (int k = i + 3; k < firstSemi; k++) {
                    if (depth[k] != inner) {
                        continue;
                    }
                    if (expectName) {
                        if (!name(k)) {
                            names.clear();
                            break; // a destructuring declaration: left as it is
                        }
                        names.add(text(k));
                        expectName = false;
                    } else if (is(k, ",")) {
                        expectName = true;
                    }
                }
                if (names.isEmpty()) {
                    continue;
                }
                for (int k = i + 3; k < close; k++) {
                    if (ident(k) && names.contains(text(k)) && !is(k - 1, ".") && !is(k + 1, ":") && out[k] == null) {
                        set(k, text(k) + "__ph");
                    }
                }
                set(i + 2, "let");
                StringBuilder copyIn = new StringBuilder(" let ");
                StringBuilder copyBack = new StringBuilder();
                for (int j = 0; j < names.size(); j++) {
                    copyIn.append(j > 0 ? ", " : "").append(names.get(j)).append(" = ").append(names.get(j)).append("__ph");
                    copyBack.append(names.get(j)).append("__ph = ").append(names.get(j)).append("; ");
                }
                if (block) {
                    after(body, copyIn + "; try {");
                    before(bodyEnd, "} finally { " + copyBack + "} ");
                } else {
                    before(body, "{" + copyIn + "; try { ");
                    after(bodyEnd, " } finally { " + copyBack + "} }");
                }
            }
        }
    }

    // ---- for (const, spread calls, trailing commas

    private void smallRewrites() {
        for (int i = 0; i < n; i++) {
            if (is(i, "catch") && is(i + 1, "(") && match[i + 1] > 0 && is(match[i + 1] + 1, "{")
                    && fnOf[i] != null && (fnOf[i].generator || fnOf[i].asyncToken >= 0)) {
                // Rhino loses a catch parameter in a generator when the catch block returns through a finally;
                // a var copy survives. Async functions become generators, so both are covered.
                String param = "__ph_caught" + (++generated);
                StringBuilder binding = new StringBuilder();
                for (int k = i + 2; k < match[i + 1]; k++) {
                    binding.append(text(k)).append(' ');
                    set(k, "");
                }
                set(i + 2, param);
                after(match[i + 1] + 1, " var " + binding.toString().trim() + " = " + param + ";");
            } else if (is(i, "const") && !is(i - 1, ".") && out[i] == null) {
                // Rhino binds const once per function, so a const inside a loop body keeps its first value
                set(i, "let");
            } else if (is(i, ",") && is(i + 1, ")")) {
                set(i, "");
            } else if (is(i, "(") && match[i] > 0 && hasSpread(i) && out[i] == null && isCall(i)) {
                spreadCall(i);
            }
        }
    }

    private boolean isCall(int open) {
        int p = open - 1;
        if (p < 0 || is(match[open] + 1, "{") || is(match[open] + 1, "=>")) {
            return false;
        }
        if (kind[p] == Kind.IDENT) {
            return (name(p) || is(p, "this")) && !is(p - 1, "function") && !is(p - 1, "*")
                    && !(is(p - 1, "new") || postfixStart(p) > 0 && is(postfixStart(p) - 1, "new"));
        }
        return is(p, ")") || is(p, "]");
    }

    /** The first token of the member expression ending at {@code last}. */
    private int postfixStart(int last) {
        int i = last;
        while (i >= 0) {
            if ((is(i, ")") || is(i, "]")) && match[i] >= 0) {
                i = match[i];
                if (i > 0 && (ident(i - 1) && !KEYWORDS.contains(text(i - 1)) || is(i - 1, ")") || is(i - 1, "]")
                        || is(i - 1, "this"))) {
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

    private void spreadCall(int open) {
        int calleeEnd = open - 1;
        int calleeStart = postfixStart(calleeEnd);
        if (calleeStart < 0 || out[calleeStart] != null || is(calleeStart, "super")) {
            return;
        }
        if (is(calleeEnd - 1, ".") && ident(calleeEnd)) {
            before(calleeStart, "__ph_sp(");
            set(calleeEnd - 1, ", ");
            set(calleeEnd, "'" + text(calleeEnd) + "'");
        } else if (is(calleeEnd, "]") && match[calleeEnd] > calleeStart) {
            before(calleeStart, "__ph_sp(");
            set(match[calleeEnd], ", ");
            set(calleeEnd, "");
        } else {
            before(calleeStart, "__ph_sp(undefined, ");
        }
        set(open, ", [");
        set(match[open], "])");
    }
}
