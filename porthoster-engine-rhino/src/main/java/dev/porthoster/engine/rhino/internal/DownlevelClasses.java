package dev.porthoster.engine.rhino.internal;

import dev.porthoster.engine.rhino.internal.DownlevelTokens.Kind;

/**
 * {@code class} declarations and expressions become a function that builds the constructor with
 * {@code __ph_inherits}: methods and accessors are defined on the prototype (static ones on the constructor), fields
 * are initialised per instance, a derived constructor builds {@code this} through {@code __ph_construct} (so
 * built-in bases such as {@code Error} work), and {@code super.m()} calls the base's method on {@code this}.
 */
final class DownlevelClasses extends DownlevelPass {

    DownlevelClasses(DownlevelStructure structure, DownlevelEdits edits) {
        super(structure, edits);
    }

    @Override
    void run() {
        for (int i = 0; i < n; i++) {
            if (is(i, "class") && !is(i - 1, ".")) {
                rewriteClass(i);
            }
        }
    }

    private void rewriteClass(int c) {
        int k = c + 1;
        String cls;
        if (name(k)) {
            cls = text(k);
            k++;
        } else {
            cls = "__ph_class" + edits.fresh();
        }
        int body = k;
        String base = null;
        if (is(k, "extends")) {
            body = k + 1;
            while (body < n && !(is(body, "{") && depth[body] == depth[c])) {
                if (match[body] > body && !is(body, "{")) {
                    body = match[body];
                }
                body++;
            }
            StringBuilder b = new StringBuilder();
            for (int j = k + 1; j < body; j++) {
                b.append(text(j)).append(' ');
            }
            base = b.toString().trim();
        }
        if (body >= n || match[body] < 0) {
            problem(c, "cannot read this class");
            return;
        }
        int close = match[body];
        int prev = c - 1;
        while (prev >= 0 && "".equals(out(prev))) {
            prev--;
        }
        // An expression follows an operator or a keyword that takes an operand; after a statement's end
        // (";", "}", or ")" / "]" ending the previous line without a semicolon) it is a declaration.
        boolean expression = prev >= 0 && (kind(prev) == Kind.PUNCT && !is(prev, ";") && !is(prev, "}")
                && !is(prev, "{") && !is(prev, ")") && !is(prev, "]")
                || DownlevelTokens.BEFORE_EXPRESSION.contains(text(prev)) || is(prev, "default"));
        boolean derived = base != null;
        blank(c, body);
        set(c, (expression ? "" : "var " + cls + " = ") + "(function (__ph_super) { __ph_inherits(" + cls
                + ", __ph_super);");
        boolean hasConstructor = false;
        int m = body + 1;
        while (m < close) {
            if (is(m, ";")) {
                m++;
                continue;
            }
            int first = m;
            boolean isStatic = false;
            boolean getter = false;
            boolean setter = false;
            boolean gen = false;
            if (is(m, "static") && !is(m + 1, "(") && !is(m + 1, "=")) {
                isStatic = true;
                set(m++, "");
            }
            if (is(m, "async") && !is(m + 1, "(") && !is(m + 1, "=") && line(m + 1) == line(m)) {
                set(m++, "");
            }
            if ((is(m, "get") || is(m, "set")) && !is(m + 1, "(") && !is(m + 1, "=") && !is(m + 1, ";")
                    && !is(m + 1, "}")) {
                getter = is(m, "get");
                setter = !getter;
                set(m++, "");
            }
            if (is(m, "*")) {
                gen = true;
                set(m++, "");
            }
            String target = isStatic ? cls : cls + ".prototype";
            String define = getter ? "__ph_get" : setter ? "__ph_set" : "__ph_def";
            int keyEnd = m;
            String key;
            if (is(m, "[") && match[m] > 0) {
                keyEnd = match[m];
                key = null;
            } else if (kind(m) == Kind.STR || kind(m) == Kind.NUM) {
                key = text(m);
            } else {
                key = "'" + text(m) + "'";
            }
            if (is(keyEnd + 1, "(") && match[keyEnd + 1] > 0 && is(match[keyEnd + 1] + 1, "{")) {
                int bodyOpen = match[keyEnd + 1] + 1;
                int bodyClose = match[bodyOpen];
                if (!isStatic && key != null && key.equals("'constructor'")) {
                    hasConstructor = true;
                    set(m, "function " + cls);
                    constructorBody(cls, derived, bodyOpen, bodyClose);
                } else {
                    String opening = define + "(" + target + ", ";
                    if (key == null) {
                        set(m, opening);
                        set(keyEnd, ", function" + (gen ? "*" : ""));
                    } else {
                        set(m, opening + key + ", function" + (gen ? "*" : ""));
                    }
                    after(bodyClose, ");");
                    superCalls(bodyOpen, bodyClose, isStatic ? "__ph_super" : "__ph_super.prototype", "this");
                }
                m = bodyClose + 1;
            } else {
                // a field: name [= initializer] [;]
                int valueEnd = is(keyEnd + 1, "=") ? structure.expressionEnd(keyEnd + 2) : keyEnd;
                String keyText = key == null ? null : key;
                if (key == null) {
                    set(m, isStatic ? "__ph_def(" + cls + ", " : "__ph_field(" + cls + ", ");
                } else {
                    set(m, (isStatic ? "__ph_def(" + cls + ", " : "__ph_field(" + cls + ", ") + keyText);
                }
                if (key == null) {
                    set(keyEnd, "");
                }
                if (is(keyEnd + 1, "=")) {
                    if (isStatic) {
                        set(keyEnd + 1, ", (function () { return ");
                        after(valueEnd, "; }).call(" + cls + "));");
                    } else {
                        set(keyEnd + 1, ", function () { return ");
                        after(valueEnd, "; });");
                    }
                } else {
                    after(keyEnd, isStatic ? ", undefined);" : ", function () { return undefined; });");
                }
                m = valueEnd + 1;
                if (is(m, ";")) {
                    set(m++, "");
                }
            }
            if (m == first) {
                m++;
            }
        }
        String ending = "";
        if (!hasConstructor) {
            ending = derived ? "function " + cls + "() { return __ph_construct(__ph_super, arguments, this, "
                    + cls + "); } " : "function " + cls + "() { __ph_initFields(" + cls + ", this); } ";
        }
        set(close, ending + "return " + cls + "; })(" + (base == null ? "null" : base) + ")"
                + (expression ? "" : ";"));
    }

    private void constructorBody(String cls, boolean derived, int open, int close) {
        if (!derived) {
            after(open, " __ph_initFields(" + cls + ", this);");
            superCalls(open, close, "__ph_super.prototype", "this");
            return;
        }
        after(open, " var __ph_this = this;");
        before(close, " return __ph_this; ");
        for (int i = open + 1; i < close; i++) {
            if (!structure.inOwnBody(i, open)) {
                continue;
            }
            if (is(i, "this") && !is(i - 1, ".")) {
                set(i, "__ph_this");
            } else if (is(i, "super") && is(i + 1, "(") && match[i + 1] > 0) {
                set(i, "(__ph_this = __ph_construct(__ph_super, [");
                set(i + 1, "");
                set(match[i + 1], "], this, " + cls + "))");
            }
        }
        superCalls(open, close, "__ph_super.prototype", "__ph_this");
    }

    /** {@code super.m(...)} and {@code super[k](...)} in a body: the base's member, called on {@code self}. */
    private void superCalls(int open, int close, String home, String self) {
        for (int i = open + 1; i < close; i++) {
            if (is(i, "super") && (is(i + 1, ".") || is(i + 1, "[")) && structure.inOwnBody(i, open)) {
                set(i, home);
                int member = is(i + 1, ".") ? i + 2 : match[i + 1];
                if (is(member + 1, "(") && match[member + 1] > 0) {
                    boolean noArgs = match[member + 1] == member + 2;
                    set(member + 1, ".call(" + self + (noArgs ? "" : ", "));
                }
            }
        }
    }
}
