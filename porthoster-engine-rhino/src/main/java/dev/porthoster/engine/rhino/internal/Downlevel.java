package dev.porthoster.engine.rhino.internal;

import java.util.List;

/**
 * Rewrites the modern JavaScript a handler is written in into the dialect Rhino 1.9 parses, token by token and
 * <em>without moving a line</em>, so every error still names the handler's own line.
 *
 * <p>What it rewrites: ES module {@code import}/{@code export} (into a function taking an import function and an
 * exports object), {@code class} declarations and expressions (constructor, methods, accessors, static members,
 * fields, {@code extends} of script and built-in classes, {@code super}), {@code async} functions, methods and arrows
 * with {@code await} (into generators driven by a promise), {@code const} (into {@code let}: Rhino binds a const
 * once per function, so one inside a loop would keep its first value), {@code for (let ...)} loop variables (a
 * fresh binding per iteration, which Rhino does not give), spread arguments in calls
 * and trailing commas in argument lists, rest parameters of arrows, rest elements in declared array patterns
 * ({@code const [a, ...rest] = xs}).
 *
 * <p>What it refuses, with the line: private {@code #names}, {@code static} blocks, async generators,
 * {@code for await}, top-level {@code await}, object rest in destructuring, spread in {@code new}, {@code new.target},
 * {@code import.meta} and dynamic {@code import()}. The checks are lexical: an unusual construct the rewriter
 * misreads still reaches Rhino's parser, which reports it with its line.
 *
 * <p>The work is a pipeline: {@link DownlevelLexer} makes {@link DownlevelTokens}, {@link DownlevelStructure} finds
 * brackets, functions and expression ends, then each pass ({@link DownlevelPass}) records its edits and problems in
 * one {@link DownlevelEdits}, which renders the result. The passes run in a fixed order because later ones see
 * earlier edits (a token already replaced is left alone).
 *
 * <p>Helpers the output calls ({@code __ph_async}, {@code __ph_def}, ...) come from {@code rhino-support.js}.
 */
public final class Downlevel {

    /** A construct Rhino cannot run, at a 1-based line of the input. */
    public record Problem(int line, String message) {
    }

    /** Code Rhino runs, but not as Node does (docs/engines.md lists each), at a 1-based line of the input. */
    public record Difference(int line, String construct, String difference) {
    }

    /** The rewritten source, what could not be rewritten, and what runs but not as on Node. */
    public record Result(String code, List<Problem> problems, List<Difference> differences) {
    }

    private Downlevel() {
    }

    /** Rewrites a plain script (the shared prelude): everything but import/export. */
    public static Result script(String source) {
        DownlevelStructure structure = new DownlevelStructure(DownlevelLexer.tokenize(source));
        DownlevelEdits edits = new DownlevelEdits(structure.tokens);
        new DownlevelRefusals(structure, edits).run();
        new DownlevelModules(structure, edits).refuse();
        rewrite(structure, edits);
        return new Result(edits.render(), edits.problems(), List.of());
    }

    /**
     * Rewrites an ES module into {@code (function (__ph_import, __ph_exports) { ... })}: the import function takes a
     * specifier and returns that module's exports object; exports are defined on {@code __ph_exports} as getters.
     */
    public static Result module(String source) {
        DownlevelStructure structure = new DownlevelStructure(DownlevelLexer.tokenize(source));
        DownlevelEdits edits = new DownlevelEdits(structure.tokens);
        new DownlevelRefusals(structure, edits).run();
        new DownlevelDifferences(structure, edits).run();
        DownlevelModules modules = new DownlevelModules(structure, edits);
        modules.run();
        rewrite(structure, edits);
        StringBuilder code = new StringBuilder("(function (__ph_import, __ph_exports) {'use strict'; ");
        code.append(edits.render());
        code.append(' ');
        for (DownlevelModules.Export e : modules.exports()) {
            code.append(e.name().equals("*") ? "__ph_exportStar(__ph_exports, " + e.value() + ");"
                    : "__ph_export(__ph_exports, '" + e.name() + "', function () { return " + e.value() + "; });");
        }
        code.append("\n})");
        return new Result(code.toString(), edits.problems(), edits.differences());
    }

    /** The rewrites scripts and modules share, in the order they must run. */
    private static void rewrite(DownlevelStructure structure, DownlevelEdits edits) {
        List<DownlevelPass> passes = List.of(
                new DownlevelClasses(structure, edits),
                new DownlevelArrowRest(structure, edits),
                new DownlevelArrayRest(structure, edits),
                new DownlevelAsync(structure, edits),
                new DownlevelLoopBindings(structure, edits),
                new DownlevelCatchBindings(structure, edits),
                new DownlevelConst(structure, edits),
                new DownlevelTrailingCommas(structure, edits),
                new DownlevelSpreadCalls(structure, edits));
        for (DownlevelPass pass : passes) {
            pass.run();
        }
    }
}
