package dev.porthoster.engine.rhino.internal;

import dev.porthoster.engine.rhino.internal.DownlevelStructure.Fn;

/**
 * Names, with its line, each construct Rhino cannot run and no rewrite here turns into one it can: private
 * {@code #names}, {@code new.target}, dynamic {@code import()} and {@code import.meta}, {@code for await}, async
 * generators, {@code static} blocks, spread in {@code new}, object rest in destructuring.
 */
final class DownlevelRefusals extends DownlevelPass {

    DownlevelRefusals(DownlevelStructure structure, DownlevelEdits edits) {
        super(structure, edits);
    }

    @Override
    void run() {
        for (int i = 0; i < n; i++) {
            String t = text(i);
            if (kind(i) == DownlevelTokens.Kind.IDENT && t.startsWith("#")) {
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
                int callee = structure.postfixEnd(i + 1, false);
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
            for (Fn f : structure.functions()) {
                if (f.bodyFrom == match[p] + 1 || f.bodyFrom == match[p] + 2) {
                    return true;
                }
            }
        }
        return false;
    }
}
