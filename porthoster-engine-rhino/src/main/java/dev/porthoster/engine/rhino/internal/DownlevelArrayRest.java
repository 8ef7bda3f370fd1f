package dev.porthoster.engine.rhino.internal;

/**
 * A declaration that destructures an array with a rest element, which Rhino does not parse:
 * {@code const [cmd, ...args] = line.split(' ')} becomes {@code const [cmd, args] = __ph_rest(line.split(' '), 1)},
 * where {@code __ph_rest(value, 1)} gives the first item and an array of the others, as the pattern would. Only a
 * rest that ends a pattern declared with {@code const}, {@code let} or {@code var} and initialised in the same
 * statement; nested patterns before it are Rhino's own.
 */
final class DownlevelArrayRest extends DownlevelPass {

    DownlevelArrayRest(DownlevelStructure structure, DownlevelEdits edits) {
        super(structure, edits);
    }

    @Override
    void run() {
        for (int i = 0; i < n; i++) {
            if (is(i, "[") && match[i] > 0 && (is(i - 1, "const") || is(i - 1, "let") || is(i - 1, "var")
                    || is(i - 1, ",") && declares(i - 1)) && is(match[i] + 1, "=") && !is(match[i] + 2, "=")) {
                rewrite(i, match[i]);
            }
        }
    }

    /** Whether the comma at {@code comma} separates declarators of a const/let/var statement. */
    private boolean declares(int comma) {
        for (int k = comma - 1; k >= 0 && depth[k] >= depth[comma]; k--) {
            if (depth[k] == depth[comma] && (is(k, ";") || is(k, "{") || is(k, "}"))) {
                return false;
            }
            if (depth[k] == depth[comma] && (is(k, "const") || is(k, "let") || is(k, "var"))) {
                return true;
            }
        }
        return false;
    }

    private void rewrite(int open, int close) {
        int rest = -1;
        int before = 0;
        for (int k = open + 1; k < close; k++) {
            if (depth[k] != depth[open] + 1) {
                continue;
            }
            if (is(k, "...")) {
                rest = k;
            } else if (is(k, ",")) {
                if (rest >= 0) {
                    return; // a rest must be last; leave the error to Rhino
                }
                before++;
            }
        }
        if (rest < 0 || !ident(rest + 1) || rest + 2 != close && !(is(rest + 2, ",") && rest + 3 == close)) {
            return;
        }
        int from = close + 2;
        int end = structure.expressionEnd(from);
        if (end < from || out(rest) != null) {
            return;
        }
        set(rest, "");
        before(from, "__ph_rest(");
        after(end, ", " + before + ")");
    }
}
