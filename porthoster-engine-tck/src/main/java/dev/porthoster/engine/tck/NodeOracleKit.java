package dev.porthoster.engine.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential oracle: handler files a Node developer would write, each served by Node itself (through
 * {@code node-runner.mjs}, which gives them the same {@code ctx}) and by a real broker on the engine under test, both
 * on loopback, driven by the same client script over real sockets. The readings must be identical: each script stores
 * what Node read, so the engine is held to Node's transcript even where no Node is installed, and where {@code node}
 * (v20) is on the PATH the stored transcripts are checked against Node again. Where an engine cannot match Node the
 * script says what it reads instead ({@code <rhino< ...}), and docs/engines.md lists the difference.
 *
 * <p>An engine runs the oracle by extending this class and naming itself, as with {@link EngineConformanceKit}; the
 * Netty transport must be on its test path. The scenarios are {@code oracle/*.oracle} beside this class, listed in
 * {@code oracle/index.txt}; {@link OracleScript} describes the script language. To grow it, write the handler and
 * the script with {@code < ?} for each reading, and run the kit with {@code -Dporthoster.oracle.record=DIR}: Node's
 * run then writes the script, its readings filled in from Node, into {@code DIR} (the kit's resource folder).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class NodeOracleKit {

    private static final String NODE = "node";
    private static final String RECORD = System.getProperty("porthoster.oracle.record", "");

    /** The id of the engine under test, e.g. {@code graal}. */
    protected abstract String engineId();

    private List<OracleScript> scripts;
    private final Map<String, String> sources = new HashMap<>();
    private OracleServers.Server engine;
    private OracleServers.Server node;
    private String nodeMissing;

    @BeforeAll
    void startServers(@TempDir Path work) {
        Path served = work.resolve("served");
        scripts = new ArrayList<>();
        for (String line : resource("index.txt").lines().toList()) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (name.endsWith(".oracle")) {
                scripts.add(OracleScript.parse(name, resource(name)));
                sources.put(name, resource(name));
            } else {
                OracleServers.write(served, name, resourceBytes(name));
            }
        }
        OracleServers.write(served, "package.json", "{\"type\": \"module\"}\n".getBytes(StandardCharsets.UTF_8));
        engine = OracleServers.broker(engineId(), served);
        Optional<String> version = OracleServers.nodeVersion();
        if (version.isPresent() && version.get().startsWith("v20.")) {
            Path runner = work.resolve("node-runner.mjs");
            OracleServers.write(work, "node-runner.mjs", resourceBytes("../node-runner.mjs"));
            node = OracleServers.node(runner, served);
        } else {
            nodeMissing = "Node 20 is not on the PATH (" + version.map(v -> "found " + v).orElse("no node")
                    + "): the Node side of the oracle is skipped; the transcripts stored from Node still hold "
                    + engineId() + " to Node's answers";
            System.out.println("NodeOracleKit: " + nodeMissing);
        }
    }

    @AfterAll
    void stopServers() {
        if (engine != null) {
            engine.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> transcriptsAreNodes() {
        return scripts.stream().flatMap(script -> Stream.of(
                DynamicTest.dynamicTest(NODE + ": " + script.title(), () -> {
                    Assumptions.assumeTrue(node != null, () -> nodeMissing);
                    if (RECORD.isEmpty()) {
                        check(NODE, node, script);
                    } else {
                        record(script, sources.get(script.name()), run(node, script));
                    }
                }),
                DynamicTest.dynamicTest(engineId() + ": " + script.title(), () -> check(engineId(), engine, script))));
    }

    private static void check(String runtime, OracleServers.Server server, OracleScript script) throws IOException {
        OracleServers.Outcome outcome = server.outcome(script.handler());
        Optional<String> refusal = script.refusalOn(runtime);
        if (refusal.isPresent()) {
            OracleServers.Outcome.Refused refused = assertInstanceOf(OracleServers.Outcome.Refused.class, outcome,
                    () -> runtime + " was expected to refuse " + script.handler() + " (" + refusal.get() + ")");
            assertTrue(refused.reason().contains(refusal.get()), () -> runtime + " refused " + script.handler()
                    + " for another reason: " + refused.reason());
            return;
        }
        if (outcome instanceof OracleServers.Outcome.Refused refused) {
            fail(runtime + " refused " + script.handler() + ": " + refused.reason());
        }
        List<String> got = run(server, script);
        List<String> want = script.expectedOn(runtime);
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : "(no step)";
            String g = i < got.size() ? got.get(i) : "(no reading)";
            if (!w.equals(g)) {
                // a long reading: only its lines that differ
                String[] wl = w.split("(?<=\\\\n)");
                String[] gl = g.split("(?<=\\\\n)");
                report.append("\n  reading ").append(i + 1);
                for (int k = 0; k < Math.max(wl.length, gl.length); k++) {
                    String a = k < wl.length ? wl[k] : "";
                    String b = k < gl.length ? gl[k] : "";
                    if (!a.equals(b)) {
                        report.append("\n    Node:  ").append(a).append("\n    ").append(runtime).append(": ").append(b);
                    }
                }
            }
        }
        assertEquals("", report.toString(), () -> script.name() + " (" + script.handler() + ") on " + runtime
                + " differs from Node's transcript:" + report + "\n  whole transcript on " + runtime + ":\n    "
                + String.join("\n    ", got));
    }

    private static List<String> run(OracleServers.Server server, OracleScript script) throws IOException {
        if (!(server.outcome(script.handler()) instanceof OracleServers.Outcome.Serving serving)) {
            throw new IllegalStateException(script.handler() + " is not served: " + server.outcome(script.handler()));
        }
        try (OracleClient client = new OracleClient(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                serving.port()))) {
            return client.run(script);
        }
    }

    /** Writes the script with Node's readings in place of its {@code < } lines into the record folder. */
    private static void record(OracleScript script, String source, List<String> readings) throws IOException {
        StringBuilder out = new StringBuilder();
        int next = 0;
        boolean replacing = false;
        for (String line : source.split("\n", -1)) {
            if (line.startsWith("<+ ") && replacing) {
                continue;
            }
            replacing = false;
            if (line.startsWith("< ") && next < readings.size()) {
                line = "< " + continued(readings.get(next++));
                replacing = true;
            }
            out.append(line).append('\n');
        }
        Files.writeString(Path.of(RECORD).resolve(script.name()),
                out.substring(0, out.length() - 1), StandardCharsets.UTF_8);
    }

    /** A long reading broken after each {@code \n} inside it, the rest on {@code <+ } lines. */
    private static String continued(String reading) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = reading.indexOf("\\n"); at >= 0; at = reading.indexOf("\\n", at + 2)) {
            boolean escaped = at > 0 && reading.charAt(at - 1) == '\\';
            String rest = reading.substring(at + 2);
            if (!escaped && !rest.isEmpty() && !rest.matches("\"( (EOF|RESET|TIMEOUT).*)?")) {
                out.append(reading, from, at + 2).append("\n<+ ");
                from = at + 2;
            }
        }
        return out.append(reading.substring(from)).toString();
    }

    private static String resource(String name) {
        return new String(resourceBytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] resourceBytes(String name) {
        String path = name.startsWith("../") ? name.substring(3) : "oracle/" + name;
        try (InputStream in = NodeOracleKit.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("porthoster-engine-tck is missing its resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
