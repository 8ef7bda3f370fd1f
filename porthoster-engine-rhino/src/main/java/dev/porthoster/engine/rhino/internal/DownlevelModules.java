package dev.porthoster.engine.rhino.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * ES module {@code import} and {@code export} at the top level: an import becomes a {@code let} taking names from
 * {@code __ph_import(specifier)}; an export loses its keyword and is recorded, for {@link Downlevel#module} to define
 * on the exports object once the module body has run. In a plain script both are refused.
 */
final class DownlevelModules extends DownlevelPass {

    /** One export: the name it is exported as ({@code *} for a re-export of everything) and the expression it reads. */
    record Export(String name, String value) {
    }

    private final List<Export> exports = new ArrayList<>();

    DownlevelModules(DownlevelStructure structure, DownlevelEdits edits) {
        super(structure, edits);
    }

    /** What {@link #run()} found exported, in source order. */
    List<Export> exports() {
        return List.copyOf(exports);
    }

    @Override
    void run() {
        for (int i = 0; i < n; i++) {
            if (depth[i] != 0 || is(i - 1, ".")) {
                continue;
            }
            if (is(i, "import") && !is(i + 1, "(") && !is(i + 1, ".")) {
                i = rewriteImport(i);
            } else if (is(i, "export")) {
                i = rewriteExport(i);
            }
        }
    }

    /** For a plain script (the prelude): import and export are problems, not rewrites. */
    void refuse() {
        for (int i = 0; i < n; i++) {
            if ((is(i, "import") && !is(i - 1, ".") && depth[i] == 0 && !is(i + 1, "("))
                    || (is(i, "export") && depth[i] == 0)) {
                problem(i, "import and export belong in handler modules, not scripts");
            }
        }
    }

    private int statementEnd(int last) {
        return is(last + 1, ";") ? last + 1 : last;
    }

    private int rewriteImport(int i) {
        if (kind(i + 1) == DownlevelTokens.Kind.STR) {
            set(i, "__ph_import(");
            after(i + 1, ")");
            return i + 1;
        }
        int from = i + 1;
        while (from < n && !is(from, "from")) {
            from++;
        }
        if (from + 1 >= n || kind(from + 1) != DownlevelTokens.Kind.STR) {
            problem(i, "cannot read this import statement; write import { name } from './file.js'");
            return from;
        }
        String spec = "__ph_import(" + text(from + 1) + ")";
        List<String> parts = new ArrayList<>();
        int k = i + 1;
        while (k < from) {
            if (is(k, "*") && is(k + 1, "as")) {
                parts.add(text(k + 2) + " = " + spec);
                k += 3;
            } else if (is(k, "{")) {
                int close = match[k];
                if (close < 0) { // never closed: nothing past it can be read, and k must not go back
                    problem(i, "cannot read this import statement; write import { name } from './file.js'");
                    return from;
                }
                StringBuilder names = new StringBuilder("{");
                for (int j = k + 1; j < close; j++) {
                    if (is(j, "as")) {
                        names.append(": ");
                    } else if (is(j, ",")) {
                        names.append(", ");
                    } else {
                        names.append(text(j));
                    }
                }
                parts.add(names.append("} = ").append(spec).toString());
                k = close + 1;
            } else if (is(k, ",")) {
                k++;
            } else {
                parts.add(text(k) + " = " + spec + ".default");
                k++;
            }
        }
        int last = statementEnd(from + 1);
        blank(i, last);
        set(i, "let " + String.join(", ", parts) + ";");
        return last;
    }

    private int rewriteExport(int i) {
        int k = i + 1;
        if (is(k, "default")) {
            int decl = is(k + 1, "async") ? k + 2 : k + 1;
            if ((is(decl, "function") || is(decl, "class")) && name(decl + 1 + (is(decl + 1, "*") ? 1 : 0))) {
                set(i, "");
                set(k, "");
                exports.add(new Export("default", text(decl + 1 + (is(decl + 1, "*") ? 1 : 0))));
                return k;
            }
            set(i, "");
            set(k, "let __ph_default =");
            exports.add(new Export("default", "__ph_default"));
            return k;
        }
        if (is(k, "async") || is(k, "function") || is(k, "class")) {
            int d = is(k, "async") ? k + 1 : k;
            int nameAt = d + 1 + (is(d + 1, "*") ? 1 : 0);
            set(i, "");
            exports.add(new Export(text(nameAt), text(nameAt)));
            return i;
        }
        if (is(k, "const") || is(k, "let") || is(k, "var")) {
            set(i, "");
            int j = k + 1;
            boolean expectName = true;
            while (j < n && depth[j] >= depth[k]) {
                if (depth[j] == depth[k]) {
                    if (is(j, ";")) {
                        break;
                    }
                    if (expectName) {
                        if (!name(j)) {
                            problem(j, "export of a destructuring declaration is not supported on Rhino; declare "
                                    + "the names, then export them");
                            break;
                        }
                        exports.add(new Export(text(j), text(j)));
                        expectName = false;
                    } else if (is(j, ",")) {
                        expectName = true;
                    } else if (line(j) > line(j - 1) && !is(j - 1, ",") && !is(j - 1, "=")
                            && structure.endsExpression(j - 1) && structure.startsStatement(j)) {
                        break;
                    }
                }
                j++;
            }
            return k;
        }
        if (is(k, "{")) {
            int close = match[k];
            if (close < 0) { // never closed: the statement has no end to resume after
                problem(i, "cannot read this export statement; close its { } list");
                return i;
            }
            boolean reexport = is(close + 1, "from");
            String spec = reexport ? "__ph_import(" + text(close + 2) + ")" : null;
            for (int j = k + 1; j < close; j++) {
                if (is(j, ",")) {
                    continue;
                }
                String local = text(j);
                String exported = local;
                if (is(j + 1, "as")) {
                    exported = text(j + 2);
                    j += 2;
                }
                exports.add(new Export(exported, reexport ? spec + "['" + local + "']" : local));
            }
            int last = statementEnd(reexport ? close + 2 : close);
            blank(i, last);
            return last;
        }
        if (is(k, "*") && is(k + 1, "from")) {
            exports.add(new Export("*", "__ph_import(" + text(k + 2) + ")"));
            int last = statementEnd(k + 2);
            blank(i, last);
            return last;
        }
        problem(i, "cannot read this export statement");
        return i;
    }
}
