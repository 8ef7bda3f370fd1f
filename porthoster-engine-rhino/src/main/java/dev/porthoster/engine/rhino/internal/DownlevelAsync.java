package dev.porthoster.engine.rhino.internal;

import dev.porthoster.engine.rhino.internal.DownlevelStructure.Fn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code async} functions, methods and arrows become generators driven by a promise ({@code __ph_async}), and each
 * {@code await x} inside them a {@code (yield x)}. An await outside any function, or in one not marked async, is a
 * problem.
 */
final class DownlevelAsync extends DownlevelPass {

    DownlevelAsync(DownlevelStructure structure, DownlevelEdits edits) {
        super(structure, edits);
    }

    @Override
    void run() {
        List<Fn> fns = structure.functions();
        List<int[]> order = new ArrayList<>(); // {start, kind(0 fn,1 await), index}
        for (int f = 0; f < fns.size(); f++) {
            if (fns.get(f).asyncToken >= 0) {
                order.add(new int[] {fns.get(f).first, 0, f});
            }
        }
        for (int i = 0; i < n; i++) {
            if (is(i, "await") && !is(i - 1, ".") && !is(i + 1, ":")) {
                order.add(new int[] {i, 1, i});
            }
        }
        order.sort(Comparator.<int[]>comparingInt(e -> e[0]).thenComparingInt(e -> e[1]));
        for (int[] e : order) {
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
                Fn f = structure.functionOf(i);
                if (f == null) {
                    problem(i, "top-level await is not supported on Rhino; await inside open(ctx) or the handler");
                    continue;
                }
                if (f.asyncToken < 0) {
                    problem(i, "await is only valid in async functions; mark the enclosing function async");
                    continue;
                }
                set(i, "(yield");
                after(structure.unaryEnd(i + 1), ")");
            }
        }
    }
}
