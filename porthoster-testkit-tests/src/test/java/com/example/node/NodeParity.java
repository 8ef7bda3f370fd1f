package com.example.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.porthoster.testkit.HandlerTestKit;
import dev.porthoster.testkit.TestConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a list of JavaScript cases inside one handler and compares what each one gives with the text Node 20 gave.
 *
 * <p>A case is one or more lines of JavaScript; the last line is an expression (the value of the case), the lines
 * before it are statements. The line after a case starts with {@code => } and holds the expected rendering, captured
 * by running the very same handler file under {@code node} (v20). A thrown error renders as
 * {@code !Name [code]: message}. The engine id {@code node} runs the handler under Node itself (skipped when no
 * {@code node} is on the PATH), so the stored expectations stay checked against Node wherever it is installed.
 *
 * <p>Where an engine cannot match Node, a line {@code =ENGINE=> } after the expectation gives what that engine
 * answers instead; every such line is a difference listed in docs/engines.md.
 */
final class NodeParity {

    /** The engines every parity test runs on: Node itself (when installed), then both script engines. */
    static final String[] ENGINES = {"node", "graal", "rhino"};

    /** Renders any value the same way on every engine: strings escaped, buffers as hex, errors by name and code. */
    private static final String RENDER = """
            function __render(v) {
              if (v === undefined) return 'undefined';
              if (v === null) return 'null';
              if (typeof v === 'string') {
                let s = '"';
                for (let i = 0; i < v.length; i++) {
                  const c = v.charCodeAt(i);
                  s += c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c ? v[i] : '\\\\u' + (c + 0x10000).toString(16).slice(1);
                }
                return s + '"';
              }
              if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
              if (typeof v === 'bigint') return v + 'n';
              if (typeof v === 'boolean') return String(v);
              if (typeof v === 'function') return 'function ' + v.name;
              if (typeof v === 'symbol') return v.toString();
              if (v instanceof Error) return '!' + v.name + (v.code ? ' [' + v.code + ']' : '') + ': ' + v.message;
              if (v instanceof Uint8Array) {
                let h = '';
                for (let i = 0; i < v.length; i++) h += (i ? ' ' : '') + (v[i] + 0x100).toString(16).slice(1);
                return (Buffer.isBuffer(v) ? 'Buffer' : 'Uint8Array') + '<' + h + '>';
              }
              if (ArrayBuffer.isView(v)) return v.constructor.name + '[' + Array.prototype.map.call(v, __render).join(',') + ']';
              if (Array.isArray(v)) return '[' + v.map(__render).join(',') + ']';
              return '{' + Object.keys(v).map((k) => k + ':' + __render(v[k])).join(',') + '}';
            }
            """;

    private static final Pattern DIFFERENCE = Pattern.compile("=(\\w+)=> (.*)");

    private NodeParity() {
    }

    /** One case: its lines of JavaScript, the rendering Node gave, and the documented answers of engines that differ. */
    record Case(List<String> code, String expected, Map<String, String> differences) {
        String expectedOn(String engine) {
            return differences.getOrDefault(engine, expected);
        }

        String function() {
            StringBuilder body = new StringBuilder("() => {\n");
            for (int i = 0; i < code.size() - 1; i++) {
                body.append("  ").append(code.get(i)).append('\n');
            }
            return body.append("  return (").append(code.get(code.size() - 1)).append(");\n}").toString();
        }

        String title() {
            return String.join(" ", code);
        }
    }

    static List<Case> parse(String cases) {
        List<Case> out = new ArrayList<>();
        List<String> code = new ArrayList<>();
        for (String line : cases.split("\n", -1)) {
            Matcher difference = DIFFERENCE.matcher(line);
            if (line.startsWith("=> ")) {
                if (code.isEmpty()) {
                    throw new IllegalArgumentException("an expectation without a case: " + line);
                }
                out.add(new Case(List.copyOf(code), line.substring(3), new HashMap<>()));
                code.clear();
            } else if (difference.matches()) {
                if (out.isEmpty() || !code.isEmpty()) {
                    throw new IllegalArgumentException("an engine's difference must follow Node's expectation: " + line);
                }
                out.get(out.size() - 1).differences().put(difference.group(1), difference.group(2));
            } else if (!line.isBlank()) {
                code.add(line);
            }
        }
        if (!code.isEmpty()) {
            throw new IllegalArgumentException("a case without an expectation: " + code);
        }
        return out;
    }

    /** The handler file: imports, the cases as functions, and a handle() that writes one rendering per line. */
    static String handler(String imports, List<Case> cases) {
        StringBuilder src = new StringBuilder(imports).append('\n').append(RENDER).append("const __cases = [\n");
        for (Case c : cases) {
            src.append(c.function()).append(",\n");
        }
        src.append("""
                ];
                export async function handle(conn) {
                  const out = [];
                  for (let i = 0; i < __cases.length; i++) {
                    let r;
                    try {
                      let v = __cases[i]();
                      if (v instanceof Promise) v = await v;
                      r = __render(v);
                    } catch (e) { r = e instanceof Error ? __render(e) : '!' + __render(e); }
                    out.push(r);
                  }
                  conn.end(out.join('\\n') + '\\n');
                }
                """);
        return src.toString();
    }

    /** Runs {@code cases} on {@code engine} and asserts each rendering equals the one Node gave. */
    static void check(String engine, Path dir, String imports, String cases) {
        List<Case> parsed = parse(cases);
        String source = handler(imports, parsed);
        String output = engine.equals("node") ? underNode(dir, source) : underEngine(engine, dir, source);
        List<String> got = List.of(output.split("\n", -1));
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < parsed.size(); i++) {
            String want = parsed.get(i).expectedOn(engine);
            String actual = i < got.size() ? got.get(i) : "(no output)";
            if (!actual.equals(want)) {
                report.append("\n  ").append(parsed.get(i).title()).append("\n    expected: ")
                        .append(want).append("\n    ").append(engine).append(": ").append(actual);
            }
        }
        assertEquals("", report.toString(), () -> engine + " differs from Node 20 on " + report.toString().lines()
                .filter(l -> l.startsWith("  ") && !l.startsWith("    ")).count() + " case(s); full output:\n" + output);
    }

    private static String underEngine(String engine, Path dir, String source) {
        Path file = writeFile(dir.resolve("parity.tcp.7000.port.js"), source);
        try (HandlerTestKit kit = HandlerTestKit.load(file).engine(engine).start()) {
            TestConnection conn = kit.connect("127.0.0.1", 1);
            // a case may wait on timers: run the virtual clock until the handler ends (bounded: 10 virtual minutes)
            for (int step = 0; step < 60_000 && !conn.handlerEnded(); step++) {
                kit.advance(10);
            }
            String out = conn.read();
            if (out.isEmpty()) {
                return "(handler wrote nothing; log: " + kit.log() + ")";
            }
            return out;
        }
    }

    /** The same handler file, run by {@code node} with a conn that prints what the handler ends with. */
    private static String underNode(Path dir, String source) {
        assumeTrue(nodeVersion().startsWith("v20."), "node 20 is not on the PATH; the stored expectations are used");
        writeFile(dir.resolve("parity.mjs"), source);
        Path runner = writeFile(dir.resolve("run.mjs"), "import { handle } from './parity.mjs';\n"
                + "handle({ end(s) { process.stdout.write(s); } }, {});\n");
        return run(dir, "node", "--no-warnings", runner.toString());
    }

    private static String nodeVersion() {
        try {
            return run(Path.of("."), "node", "--version").strip();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 30 s");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path writeFile(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
