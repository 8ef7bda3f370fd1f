package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The same application (the porthoster server and one handler file) runs on GraalJS or on Rhino depending only on
 * which engine module is on the module path, with no flag and no code change; and it runs from the class path too.
 * Each case starts a real JVM, waits for the engine line, and talks to the handler over loopback.
 */
class EngineSwapTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static List<String> modulePath;

    @TempDir
    static Path root;

    @BeforeAll
    static void findModules() {
        String path = System.getProperty("jdk.module.path");
        assertTrue(path != null && !path.isBlank(), "the tests run on the module path; jdk.module.path is set");
        modulePath = Arrays.asList(path.split(File.pathSeparator));
    }

    private static boolean isGraal(String entry) {
        String p = entry.replace('\\', '/');
        return p.contains("porthoster-engine-graal") || p.contains("/org/graalvm/");
    }

    private static boolean isRhino(String entry) {
        String p = entry.replace('\\', '/');
        return p.contains("porthoster-engine-rhino") || p.contains("/org/mozilla/");
    }

    @ParameterizedTest(name = "{0} with only {1} present")
    @CsvSource({
        "module path, graal, GraalJS",
        "module path, rhino, Mozilla Rhino",
        "class path, graal, GraalJS",
        "class path, rhino, Mozilla Rhino",
    })
    void theEngineOnThePathServesTheHandler(String how, String engine, String described) throws Exception {
        Predicate<String> absent = engine.equals("graal") ? EngineSwapTest::isRhino : EngineSwapTest::isGraal;
        String entries = modulePath.stream().filter(absent.negate()).collect(Collectors.joining(File.pathSeparator));
        int port = FreePorts.next();
        Path content = Files.createDirectories(root.resolve(how.replace(' ', '-') + "-" + engine));
        Files.writeString(content.resolve("hello.tcp." + port + ".port.js"), """
                export async function handle(conn, ctx) {
                  const engine = await Promise.resolve(typeof Polyglot === 'undefined' ? 'a sandboxed engine' : 'leak');
                  conn.end(`hello from ${engine} on :${ctx.port}\\n`);
                }
                """);
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xshare:auto"));
        if (how.equals("module path")) {
            command.addAll(List.of("--module-path", entries, "-m", "dev.porthoster.server/dev.porthoster.server.Main"));
        } else {
            command.addAll(List.of("-cp", entries, "dev.porthoster.server.Main"));
        }
        command.addAll(List.of("dev", content.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            String line;
            String engineLine = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith("engine: ")) {
                    engineLine = line;
                }
                if (line.startsWith("Watching ")) {
                    break;
                }
            }
            assertTrue(engineLine != null && engineLine.startsWith("engine: " + described),
                    "expected the " + engine + " engine; the server printed:\n" + seen);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(10_000);
                String reply = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                assertEquals("hello from a sandboxed engine on :" + port, reply);
            }
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        assertEquals(0, p.exitValue(), "SIGTERM stops the server cleanly");
    }

    @org.junit.jupiter.api.Test
    void withNoEngineOnThePathTheServerNamesTheModulesToAdd() throws Exception {
        String entries = modulePath.stream().filter(e -> !isGraal(e) && !isRhino(e))
                .collect(Collectors.joining(File.pathSeparator));
        Path content = Files.createDirectories(root.resolve("none"));
        Files.writeString(content.resolve("hello.tcp.20000.port.js"), "export function handle(c) {}\n");
        Process p = new ProcessBuilder(JAVA, "--module-path", entries, "-m",
                "dev.porthoster.server/dev.porthoster.server.Main", "check", content.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(p.exitValue() != 0, out);
        assertTrue(out.contains("porthoster-engine-graal") && out.contains("porthoster-engine-rhino"), out);
    }
}
