package dev.porthoster.engine.rhino.internal;

import dev.porthoster.engine.rhino.internal.DownlevelStructure.Fn;

/**
 * {@code catch (e)} inside a generator or an async function (which becomes one): Rhino loses a catch parameter in
 * a generator when the catch block returns through a {@code finally}; a {@code var} copy survives.
 */
final class DownlevelCatchBindings extends DownlevelPass {

    DownlevelCatchBindings(DownlevelStructure structure, DownlevelEdits edits) {
        super(structure, edits);
    }

    @Override
    void run() {
        for (int i = 0; i < n; i++) {
            Fn f = structure.functionOf(i);
            if (is(i, "catch") && is(i + 1, "(") && match[i + 1] > 0 && is(match[i + 1] + 1, "{")
                    && f != null && (f.generator || f.asyncToken >= 0)) {
                String param = "__ph_caught" + edits.fresh();
                StringBuilder binding = new StringBuilder();
                for (int k = i + 2; k < match[i + 1]; k++) {
                    binding.append(text(k)).append(' ');
                    set(k, "");
                }
                set(i + 2, param);
                after(match[i + 1] + 1, " var " + binding.toString().trim() + " = " + param + ";");
            }
        }
    }
}
