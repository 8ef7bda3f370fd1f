package dev.porthoster.engine.rhino.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The rewrite being built: per token a replacement text, text to put before it and text to put after it, and the
 * problems found on the way. {@link #render()} puts the source back together with every edit in place and every
 * character between tokens (whitespace, comments, line breaks) as it was, so no line moves.
 */
final class DownlevelEdits {

    private final DownlevelTokens tokens;
    private final int n;
    private final String[] out;
    private final String[] pre;
    private final String[] post;
    private final List<Downlevel.Problem> problems = new ArrayList<>();
    private final List<Downlevel.Difference> differences = new ArrayList<>();
    private int generated;

    DownlevelEdits(DownlevelTokens tokens) {
        this.tokens = tokens;
        this.n = tokens.count();
        this.out = new String[n];
        this.pre = new String[n];
        this.post = new String[n];
    }

    /** Replaces token {@code i} (outside the tokens: nothing). */
    void set(int i, String text) {
        if (i >= 0 && i < n) {
            out[i] = text;
        }
    }

    /** What token {@code i} was replaced by, or null when it was not. */
    String replacement(int i) {
        return out[i];
    }

    /** Puts text before token {@code i}, after what earlier calls put there (outside the tokens: nothing). */
    void before(int i, String text) {
        if (i < 0 || i >= n) {
            return;
        }
        pre[i] = pre[i] == null ? text : pre[i] + text;
    }

    /**
     * Puts text after token {@code i}, before what earlier calls put there, so closers nest (outside the tokens:
     * nothing).
     */
    void after(int i, String text) {
        if (i < 0 || i >= n) {
            return;
        }
        post[i] = post[i] == null ? text : text + post[i];
    }

    /** Replaces tokens {@code from} to {@code to} (inclusive) with nothing. */
    void blank(int from, int to) {
        for (int i = from; i <= to && i < n; i++) {
            out[i] = "";
        }
    }

    /** A number not used before in this rewrite, for generated names. */
    int fresh() {
        return ++generated;
    }

    /** Records a construct Rhino cannot run, at the line of token {@code i}. */
    void problem(int i, String message) {
        problems.add(new Downlevel.Problem(tokens.line(Math.max(0, Math.min(i, n - 1))), message));
    }

    /** Token {@code i} is code Rhino runs, but not as Node does. */
    void difference(int i, String construct, String difference) {
        differences.add(new Downlevel.Difference(tokens.line(Math.max(0, Math.min(i, n - 1))), construct, difference));
    }

    List<Downlevel.Difference> differences() {
        return List.copyOf(differences);
    }

    List<Downlevel.Problem> problems() {
        return List.copyOf(problems);
    }

    /** The source with every edit applied. */
    String render() {
        String src = tokens.src;
        StringBuilder b = new StringBuilder(src.length() + src.length() / 4);
        int at = 0;
        for (int i = 0; i < n; i++) {
            b.append(src, at, tokens.start(i));
            if (pre[i] != null) {
                b.append(pre[i]);
            }
            b.append(out[i] != null ? out[i] : src.substring(tokens.start(i), tokens.end(i)));
            if (post[i] != null) {
                b.append(post[i]);
            }
            at = tokens.end(i);
        }
        b.append(src, at, src.length());
        return b.toString();
    }
}
