package dev.porthoster.engine.rhino.internal;

import dev.porthoster.engine.rhino.internal.DownlevelTokens.Kind;

/**
 * One rewrite (or check) of {@link Downlevel}'s pipeline: reads the tokens and their structure, writes edits and
 * problems. The helpers here keep each pass's code in the terms the rewrite is thought in (token {@code i} is
 * {@code "class"}, its match, its depth, replace it).
 */
abstract class DownlevelPass {

    final DownlevelTokens tokens;
    final DownlevelStructure structure;
    final DownlevelEdits edits;
    /** How many tokens there are. */
    final int n;
    final int[] match;
    final int[] depth;

    DownlevelPass(DownlevelStructure structure, DownlevelEdits edits) {
        this.tokens = structure.tokens;
        this.structure = structure;
        this.edits = edits;
        this.n = tokens.count();
        this.match = structure.match;
        this.depth = structure.depth;
    }

    /** Applies this pass to every token. */
    abstract void run();

    final String text(int i) {
        return tokens.text(i);
    }

    final boolean is(int i, String t) {
        return tokens.is(i, t);
    }

    final boolean ident(int i) {
        return tokens.ident(i);
    }

    final boolean name(int i) {
        return tokens.name(i);
    }

    final Kind kind(int i) {
        return tokens.kind(i);
    }

    final int line(int i) {
        return tokens.line(i);
    }

    final boolean hasSpread(int open) {
        return structure.hasSpread(open);
    }

    final void set(int i, String text) {
        edits.set(i, text);
    }

    /** What token {@code i} was replaced by so far, or null. */
    final String out(int i) {
        return edits.replacement(i);
    }

    final void before(int i, String text) {
        edits.before(i, text);
    }

    final void after(int i, String text) {
        edits.after(i, text);
    }

    final void blank(int from, int to) {
        edits.blank(from, to);
    }

    final void problem(int i, String message) {
        edits.problem(i, message);
    }
}
