package dev.porthoster.engine.rhino.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** Each rewrite of {@link Downlevel}'s pipeline run alone on the construct it exists for. */
class DownlevelPassTest {

    private record Run(String code, List<Downlevel.Problem> problems, DownlevelPass pass) {
    }

    private static Run alone(String src, BiFunction<DownlevelStructure, DownlevelEdits, DownlevelPass> pass) {
        DownlevelStructure structure = new DownlevelStructure(DownlevelLexer.tokenize(src));
        DownlevelEdits edits = new DownlevelEdits(structure.tokens);
        DownlevelPass p = pass.apply(structure, edits);
        p.run();
        return new Run(edits.render(), edits.problems(), p);
    }

    private static String squeezed(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    @Test
    void editsKeepEverythingBetweenTokensAndNestWhatIsPutAfterAToken() {
        DownlevelStructure structure = new DownlevelStructure(DownlevelLexer.tokenize("a /* keep */\n  b"));
        DownlevelEdits edits = new DownlevelEdits(structure.tokens);
        edits.before(0, "<");
        edits.before(0, "<<");
        edits.after(0, ")");
        edits.after(0, "]");
        edits.set(1, "B");
        edits.set(7, "outside the tokens: ignored");
        assertEquals("<<<a]) /* keep */\n  B", edits.render());
        edits.problem(99, "past the end");
        assertEquals(2, edits.problems().get(0).line(), "a problem past the end names the last token's line");
    }

    @Test
    void anArrayRestInADeclarationTakesTheOthersThroughAHelper() {
        assertEquals("const [cmd, args] = __ph_rest(line.split(' '), 1);",
                alone("const [cmd, ...args] = line.split(' ');", DownlevelArrayRest::new).code());
        assertEquals("let a = 1, [, b, rest] = __ph_rest(f(x, y), 2)\nnext()",
                alone("let a = 1, [, b, ...rest] = f(x, y)\nnext()", DownlevelArrayRest::new).code());
        assertEquals("[a, ...b] = xs; f([...xs]);", alone("[a, ...b] = xs; f([...xs]);", DownlevelArrayRest::new).code(),
                "an assignment or a spread in an array literal is left alone");
    }

    @Test
    void differencesFromNodeAreNamedWithTheirLineAndOnlyWhereTheCodeHasThem() {
        String src = """
                export let count = 0, total;
                const wr = new WeakRef({});
                const a = new Float64Array(2), b = new Float64Array(3);
                function f() { return async () => arguments.length; }
                async function g() { return function () { return arguments.length; }; }
                count += 1;
                total = count;
                x.WeakRef; y.count = 2; if (count === 1) {}
                """;
        DownlevelStructure structure = new DownlevelStructure(DownlevelLexer.tokenize(src));
        DownlevelEdits edits = new DownlevelEdits(structure.tokens);
        new DownlevelDifferences(structure, edits).run();
        assertEquals(List.of("2 WeakRef", "3 Float64Array", "4 arguments in an async arrow",
                        "6 exported count reassigned", "7 exported total reassigned"),
                edits.differences().stream().map(d -> d.line() + " " + d.construct()).toList(),
                "a typed array once per module; a member or a comparison is not the binding; arguments of a plain "
                        + "function inside an async one is its own");
    }

    @Test
    void constBecomesLetButAPropertyCalledConstDoesNot() {
        assertEquals("let a = 1; x.const = 2;", alone("const a = 1; x.const = 2;", DownlevelConst::new).code());
    }

    @Test
    void aTrailingCommaBeforeAClosingParenthesisIsDropped() {
        assertEquals("f(a, b); [1, 2,];", alone("f(a, b,); [1, 2,];", DownlevelTrailingCommas::new).code());
    }

    @Test
    void spreadArgumentsBecomeAnApplyWithTheReceiverButSpreadInNewIsLeftForTheRefusal() {
        assertEquals("__ph_sp(undefined, f, [a, ...b]); __ph_sp(o.p, 'm', [...b]); new C(...b);",
                alone("f(a, ...b); o.p.m(...b); new C(...b);", DownlevelSpreadCalls::new).code());
    }

    @Test
    void anArrowWithARestParameterBecomesABoundFunction() {
        assertEquals("let f = (function (a, ...r)  { return a + r.length; }).bind(this);",
                alone("let f = (a, ...r) => a + r.length;", DownlevelArrowRest::new).code());
    }

    @Test
    void aCatchParameterInAGeneratorIsCopiedToAVarAndElsewhereLeftAlone() {
        assertEquals("function* g() { try { yield 1; } catch (__ph_caught1) { var e = __ph_caught1; return e; } }\n"
                        + "function f() { try { } catch (e) { } }",
                alone("function* g() { try { yield 1; } catch (e) { return e; } }\n"
                        + "function f() { try { } catch (e) { } }", DownlevelCatchBindings::new).code());
    }

    @Test
    void eachIterationOfAForOfLoopGetsItsOwnBinding() {
        assertEquals("for (let __ph_loop1 of xs) { let x = __ph_loop1; fs.push(() => x); }",
                squeezed(alone("for (const x of xs) fs.push(() => x);", DownlevelLoopBindings::new).code()));
    }

    @Test
    void aClassicForLoopCopiesItsVariableInAndBackOutOfEachIteration() {
        assertEquals("for (let i__ph = 0; i__ph < 3; i__ph++) { let i = i__ph; try { f(i); } finally { i__ph = i; } }",
                alone("for (let i = 0; i < 3; i++) { f(i); }", DownlevelLoopBindings::new).code());
    }

    @Test
    void anAsyncFunctionBecomesAGeneratorDrivenByAPromiseAndAwaitAYield() {
        assertEquals(" function f() { return __ph_async(this, arguments, function* () { return (yield g()); }); }",
                alone("async function f() { return await g(); }", DownlevelAsync::new).code());
        assertEquals("let h =  () => __ph_async(this, undefined, function* () { return (yield x); });",
                alone("let h = async () => await x;", DownlevelAsync::new).code());
    }

    @Test
    void awaitOutsideAnAsyncFunctionIsAProblemAtItsLine() {
        Run r = alone("await a;\nfunction f() {\n  await b;\n}", DownlevelAsync::new);
        assertEquals(List.of(1, 3), r.problems().stream().map(Downlevel.Problem::line).toList());
        assertTrue(r.problems().get(0).message().startsWith("top-level await"));
        assertTrue(r.problems().get(1).message().startsWith("await is only valid in async functions"));
    }

    @Test
    void importsBecomeLetsFromTheImportFunctionAndExportsAreRecorded() {
        Run r = alone("import { a as b, c } from './m.js';\nimport d, * as all from './n.js';\n"
                + "export const x = 1, y = 2;\nexport default 42;\nexport { b as e };", DownlevelModules::new);
        String[] lines = r.code().split("\n");
        assertEquals("let {a: b, c} = __ph_import('./m.js');", squeezed(lines[0]));
        assertEquals("let d = __ph_import('./n.js').default, all = __ph_import('./n.js');", squeezed(lines[1]));
        assertEquals("const x = 1, y = 2;", squeezed(lines[2]));
        assertEquals("let __ph_default = 42;", squeezed(lines[3]));
        assertEquals(List.of(new DownlevelModules.Export("x", "x"), new DownlevelModules.Export("y", "y"),
                new DownlevelModules.Export("default", "__ph_default"), new DownlevelModules.Export("e", "b")),
                ((DownlevelModules) r.pass()).exports());
    }

    @Test
    void importAndExportInAPlainScriptAreProblems() {
        DownlevelStructure structure = new DownlevelStructure(DownlevelLexer.tokenize("x.import(1);\nexport let a;"));
        DownlevelEdits edits = new DownlevelEdits(structure.tokens);
        new DownlevelModules(structure, edits).refuse();
        assertEquals(List.of(new Downlevel.Problem(2, "import and export belong in handler modules, not scripts")),
                edits.problems());
    }

    @Test
    void whatRhinoCannotRunIsNamedWithItsLineAndAnObjectLiteralSpreadIsNot() {
        Run r = alone("class A {\n  #p = 1;\n  static { }\n}\nconst { a, ...rest } = o;\nconst o2 = { ...o };",
                DownlevelRefusals::new);
        assertEquals(List.of(2, 3, 5), r.problems().stream().map(Downlevel.Problem::line).toList());
        assertTrue(r.problems().get(2).message().startsWith("object rest in destructuring"));
        assertEquals("class A {\n  #p = 1;\n  static { }\n}\nconst { a, ...rest } = o;\nconst o2 = { ...o };",
                r.code(), "checks edit nothing");
    }

    @Test
    void aDerivedClassBecomesAConstructorFunctionWhoseSuperCallsReachTheBase() {
        String code = alone("class A extends B { m() { return super.m(1); } }", DownlevelClasses::new).code();
        assertTrue(code.startsWith("var A = (function (__ph_super) { __ph_inherits(A, __ph_super);"), code);
        assertTrue(code.contains("__ph_def(A.prototype, 'm', function() { return __ph_super.prototype.m.call(this, 1); });"),
                code);
        assertTrue(code.endsWith("function A() { return __ph_construct(__ph_super, arguments, this, A); } "
                + "return A; })(B);"), code);
    }
}
