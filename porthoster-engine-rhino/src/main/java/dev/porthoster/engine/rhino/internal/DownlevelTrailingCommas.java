package dev.porthoster.engine.rhino.internal;

/** A trailing comma before {@code )} (in a call or a parameter list) is dropped: Rhino does not parse it. */
final class DownlevelTrailingCommas extends DownlevelPass {

    DownlevelTrailingCommas(DownlevelStructure structure, DownlevelEdits edits) {
        super(structure, edits);
    }

    @Override
    void run() {
        for (int i = 0; i < n; i++) {
            if (is(i, ",") && is(i + 1, ")")) {
                set(i, "");
            }
        }
    }
}
