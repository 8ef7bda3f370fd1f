package dev.porthoster.engine.rhino.internal;

import dev.porthoster.engine.rhino.internal.DownlevelStructure.Fn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names, with its line, code Rhino runs but not as Node does, as far as the tokens show it (docs/engines.md lists
 * each): what Rhino lacks ({@code WeakRef}, {@code FinalizationRegistry}, {@code Symbol.asyncIterator}), what it
 * ignores ({@code Symbol.hasInstance}, so {@code instanceof} a stream class), typed arrays whose bytes it keeps
 * big-endian, {@code arguments} in an async arrow, and an exported {@code let} reassigned after an
 * {@code import { name }} took its value. It rewrites nothing; {@code check --engine rhino} lists what it finds.
 */
final class DownlevelDifferences extends DownlevelPass {

    private static final Set<String> STREAM_CLASSES = Set.of("Readable", "Writable", "Duplex", "Stream");
    private static final Set<String> WIDE_ARRAYS = Set.of("Uint16Array", "Int16Array", "Uint32Array", "Int32Array",
            "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array");
    private static final Set<String> ASSIGNMENTS = Set.of("=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=",
            ">>>=", "&=", "|=", "^=", "&&=", "||=", "??=");

    DownlevelDifferences(DownlevelStructure structure, DownlevelEdits edits) {
        super(structure, edits);
    }

    @Override
    void run() {
        Set<String> wideSeen = new HashSet<>();
        Set<String> exportedLets = exportedLets();
        for (int i = 0; i < n; i++) {
            boolean member = is(i - 1, ".");
            String t = text(i);
            if (!member && (is(i, "WeakRef") || is(i, "FinalizationRegistry"))) {
                difference(i, t, "Rhino has no " + t + " (typeof " + t + " is 'undefined' there); hold the object "
                        + "itself, or run with --engine graal");
            } else if (is(i, "Symbol") && is(i + 1, ".") && is(i + 2, "asyncIterator")) {
                difference(i, "Symbol.asyncIterator", "Rhino has no Symbol.asyncIterator (nor for await); call "
                        + "next() on the iterator yourself");
            } else if (is(i, "Symbol") && is(i + 1, ".") && is(i + 2, "hasInstance")) {
                difference(i, "Symbol.hasInstance", "Rhino's instanceof ignores Symbol.hasInstance");
            } else if (is(i, "instanceof")) {
                int k = is(i + 2, ".") && ident(i + 1) ? i + 3 : i + 1;
                if (ident(k) && STREAM_CLASSES.contains(text(k)) && !is(k + 1, ".")) {
                    difference(i, "instanceof " + text(k), "Rhino's instanceof ignores Symbol.hasInstance: a Duplex "
                            + "is not instanceof Writable there, and conn not instanceof Duplex, Readable, Writable or "
                            + "Stream; test for the method you need (typeof s.write === 'function')");
                }
            } else if (!member && WIDE_ARRAYS.contains(t) && wideSeen.add(t)) {
                difference(i, t, "Rhino keeps a " + t + "'s bytes big-endian in its buffer, Node little-endian: "
                        + "Buffer.from(view.buffer) and Buffer.copyBytesFrom(view) differ; for wire formats use "
                        + "Buffer's readUInt16LE/writeDoubleBE... or a DataView with the byte order given");
            } else if (is(i, "arguments") && !member && insideAsyncArrow(i)) {
                difference(i, "arguments in an async arrow", "on Rhino arguments is empty inside an async arrow "
                        + "function; give the enclosing function a rest parameter and use it");
            } else if (!member && exportedLets.contains(t) && reassigned(i)) {
                difference(i, "exported " + t + " reassigned", "on Rhino import { " + t + " } keeps the value "
                        + t + " had when it was imported, where Node's live binding sees the new one; read it "
                        + "through import * as ns (ns." + t + ") or export a function that returns it");
            }
        }
    }

    /** The names a module exports with {@code export let} or {@code export var} ({@code export let a = 1, b;}). */
    private Set<String> exportedLets() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i + 2 < n; i++) {
            if (is(i, "export") && (is(i + 1, "let") || is(i + 1, "var"))) {
                int k = i + 2;
                while (ident(k)) {
                    names.add(text(k));
                    int end = is(k + 1, "=") ? structure.expressionEnd(k + 2) : k;
                    if (!is(end + 1, ",")) {
                        break;
                    }
                    k = end + 2;
                }
            }
        }
        return names;
    }

    /** Whether the identifier at {@code i} is assigned to (not declared, not compared). */
    private boolean reassigned(int i) {
        if (is(i - 1, "let") || is(i - 1, "var") || is(i - 1, "const") || is(i - 1, "export")) {
            return false;
        }
        return is(i + 1, "++") || is(i + 1, "--") || is(i - 1, "++") || is(i - 1, "--")
                || kind(i + 1) == DownlevelTokens.Kind.PUNCT && ASSIGNMENTS.contains(text(i + 1));
    }

    /** Whether the nearest function around token {@code i} that binds arguments is behind an async arrow. */
    private boolean insideAsyncArrow(int i) {
        List<Fn> around = new ArrayList<>();
        for (Fn f : structure.functions()) {
            if (f.bodyFrom <= i && i <= f.bodyTo) {
                around.add(f);
            }
        }
        around.sort(Comparator.comparingInt(f -> f.bodyTo - f.bodyFrom));
        for (Fn f : around) {
            if (!f.arrow) {
                return false;
            }
            if (f.asyncToken >= 0) {
                return true;
            }
        }
        return false;
    }

    private void difference(int i, String construct, String text) {
        edits.difference(i, construct, text);
    }
}
