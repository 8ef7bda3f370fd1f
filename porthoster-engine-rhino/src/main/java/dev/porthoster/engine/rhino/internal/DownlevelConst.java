package dev.porthoster.engine.rhino.internal;

/**
 * {@code const} becomes {@code let}: Rhino binds a const once per function, so a const inside a loop body would
 * keep its first value. (Assigning to a const is then no longer an error on Rhino; GraalJS still reports it.)
 */
final class DownlevelConst extends DownlevelPass {

    DownlevelConst(DownlevelStructure structure, DownlevelEdits edits) {
        super(structure, edits);
    }

    @Override
    void run() {
        for (int i = 0; i < n; i++) {
            if (is(i, "const") && !is(i - 1, ".") && out(i) == null) {
                set(i, "let");
            }
        }
    }
}
