package dev.porthoster.engine.rhino.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code for (let ...) { }}: Rhino shares one binding across iterations, so closures made in the body all see the
 * last value. The body gets its own per-iteration let, copied from (and for classic loops back to) a renamed loop
 * variable; Rhino does give a let declared inside the body a fresh binding per iteration.
 */
final class DownlevelLoopBindings extends DownlevelPass {

    /** Statements a body without braces may not be wrapped as: they are not one plain statement ending in ';'. */
    private static final Set<String> NOT_PLAIN = Set.of("if", "for", "while", "do", "switch", "try", "function",
            "class", "let", "const", "var", ";", "{");

    DownlevelLoopBindings(DownlevelStructure structure, DownlevelEdits edits) {
        super(structure, edits);
    }

    @Override
    void run() {
        for (int i = 0; i < n; i++) {
            if (!is(i, "for") || !is(i + 1, "(") || !(is(i + 2, "let") || is(i + 2, "const")) || match[i + 1] < 0) {
                continue;
            }
            int open = i + 1;
            int close = match[open];
            int body = close + 1;
            int bodyEnd;
            boolean block = is(body, "{") && match[body] > 0;
            if (block) {
                bodyEnd = match[body];
            } else {
                // a single statement: braced here when it is a plain one ending in ';' (an expression, a return)
                if (body >= n || NOT_PLAIN.contains(text(body))) {
                    continue;
                }
                bodyEnd = -1;
                for (int k = body; k < n && depth[k] >= depth[body]; k++) {
                    if (depth[k] == depth[body] && is(k, ";")) {
                        bodyEnd = k;
                        break;
                    }
                }
                if (bodyEnd < 0) {
                    continue;
                }
            }
            int inner = depth[open] + 1;
            int ofIn = -1;
            int firstSemi = -1;
            for (int k = i + 3; k < close; k++) {
                if (depth[k] == inner && (is(k, "of") || is(k, "in")) && ofIn < 0 && firstSemi < 0) {
                    ofIn = k;
                } else if (depth[k] == inner && is(k, ";") && firstSemi < 0) {
                    firstSemi = k;
                }
            }
            String it = "__ph_loop" + edits.fresh();
            if (ofIn > 0) {
                StringBuilder binding = new StringBuilder();
                for (int k = i + 3; k < ofIn; k++) {
                    binding.append(text(k)).append(' ');
                    set(k, "");
                }
                set(i + 2, "let");
                set(i + 3, it);
                String copyIn = " let " + binding.toString().trim() + " = " + it + ";";
                if (block) {
                    after(body, copyIn);
                } else {
                    before(body, "{" + copyIn + " ");
                    after(bodyEnd, " }");
                }
            } else if (firstSemi > 0) {
                List<String> names = new ArrayList<>();
                boolean expectName = true;
                for (int k = i + 3; k < firstSemi; k++) {
                    if (depth[k] != inner) {
                        continue;
                    }
                    if (expectName) {
                        if (!name(k)) {
                            names.clear();
                            break; // a destructuring declaration: left as it is
                        }
                        names.add(text(k));
                        expectName = false;
                    } else if (is(k, ",")) {
                        expectName = true;
                    }
                }
                if (names.isEmpty()) {
                    continue;
                }
                for (int k = i + 3; k < close; k++) {
                    if (ident(k) && names.contains(text(k)) && !is(k - 1, ".") && !is(k + 1, ":") && out(k) == null) {
                        set(k, text(k) + "__ph");
                    }
                }
                set(i + 2, "let");
                StringBuilder copyIn = new StringBuilder(" let ");
                StringBuilder copyBack = new StringBuilder();
                for (int j = 0; j < names.size(); j++) {
                    copyIn.append(j > 0 ? ", " : "").append(names.get(j)).append(" = ").append(names.get(j)).append("__ph");
                    copyBack.append(names.get(j)).append("__ph = ").append(names.get(j)).append("; ");
                }
                if (block) {
                    after(body, copyIn + "; try {");
                    before(bodyEnd, "} finally { " + copyBack + "} ");
                } else {
                    before(body, "{" + copyIn + "; try { ");
                    after(bodyEnd, " } finally { " + copyBack + "} }");
                }
            }
        }
    }
}
