package dev.porthoster.engine.rhino.internal;

import dev.porthoster.engine.rhino.internal.DownlevelStructure.Fn;

/**
 * {@code (a, ...rest) => body}: Rhino takes rest parameters in functions only, so such an arrow becomes a function
 * bound to the {@code this} it was written under.
 */
final class DownlevelArrowRest extends DownlevelPass {

    DownlevelArrowRest(DownlevelStructure structure, DownlevelEdits edits) {
        super(structure, edits);
    }

    @Override
    void run() {
        for (Fn f : structure.functions()) {
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
}
