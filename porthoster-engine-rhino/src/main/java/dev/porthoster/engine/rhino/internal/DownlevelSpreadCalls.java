package dev.porthoster.engine.rhino.internal;

/**
 * A call with spread arguments becomes a call of {@code __ph_sp} with the receiver, the callee (or the member's
 * name) and the arguments as an array literal, where Rhino parses a spread: {@code f(a, ...b)} becomes
 * {@code __ph_sp(undefined, f, [a, ...b])}, {@code o.m(...b)} becomes {@code __ph_sp(o, 'm', [...b])}. Spread in
 * {@code new} is refused by {@link DownlevelRefusals}; {@code super(...)} is left to {@link DownlevelClasses}.
 */
final class DownlevelSpreadCalls extends DownlevelPass {

    DownlevelSpreadCalls(DownlevelStructure structure, DownlevelEdits edits) {
        super(structure, edits);
    }

    @Override
    void run() {
        for (int i = 0; i < n; i++) {
            if (is(i, "(") && match[i] > 0 && hasSpread(i) && out(i) == null && isCall(i)) {
                spreadCall(i);
            }
        }
    }

    private boolean isCall(int open) {
        int p = open - 1;
        if (p < 0 || is(match[open] + 1, "{") || is(match[open] + 1, "=>")) {
            return false;
        }
        if (kind(p) == DownlevelTokens.Kind.IDENT) {
            return (name(p) || is(p, "this")) && !is(p - 1, "function") && !is(p - 1, "*")
                    && !(is(p - 1, "new") || structure.postfixStart(p) > 0 && is(structure.postfixStart(p) - 1, "new"));
        }
        return is(p, ")") || is(p, "]");
    }

    private void spreadCall(int open) {
        int calleeEnd = open - 1;
        int calleeStart = structure.postfixStart(calleeEnd);
        if (calleeStart < 0 || out(calleeStart) != null || is(calleeStart, "super")) {
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
