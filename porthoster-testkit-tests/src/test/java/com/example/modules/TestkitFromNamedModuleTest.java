package com.example.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's project that is a JPMS module, as Maven lays it out: the testkit works whether it sits on the module path
 * (the project {@code requires dev.porthoster.testkit}) or on the class path beside a module path holding the core
 * (the project's main module {@code requires dev.porthoster.core}, its tests use the testkit), and neither needs
 * {@code --add-exports}. Each layout is compiled and run in a JVM of its own.
 */
class TestkitFromNamedModuleTest {

    static final Path HANDLER = Path.of("..", "examples", "echo.tcp.7000.port.js").toAbsolutePath().normalize();

    static final String USER_CODE = """
            package com.example.kituser;

            import dev.porthoster.testkit.HandlerTestKit;
            import dev.porthoster.testkit.TestConnection;
            import java.nio.file.Path;

            public final class Main {
                public static void main(String[] args) {
                    try (HandlerTestKit kit = HandlerTestKit.load(Path.of(args[0])).engine("graal").start()) {
                        TestConnection conn = kit.connect("203.0.113.7", 40000);
                        System.out.print(conn.read());
                        System.out.print(conn.send("ping\\n").read());
                        System.out.println("module " + HandlerTestKit.class.getModule().getName());
                    }
                }
            }
            """;

    @Test
    void testkitOnTheModulePathServesFromANamedModule(@TempDir Path dir) throws Exception {
        List<Path> modules = modulePath(Set.of());
        Path src = dir.resolve("src/com.example.kituser");
        write(src.resolve("module-info.java"), "module com.example.kituser { requires dev.porthoster.testkit; }");
        write(src.resolve("com/example/kituser/Main.java"), USER_CODE);
        Path out = dir.resolve("out");
        compile(List.of("--module-path", join(modules), "-d", out.toString(),
                src.resolve("module-info.java").toString(), src.resolve("com/example/kituser/Main.java").toString()));

        List<Path> path = new ArrayList<>(modules);
        path.add(out);
        String output = run(List.of("--module-path", join(path), "-m", "com.example.kituser/com.example.kituser.Main",
                HANDLER.toString()));
        assertEquals("hello from :7000\nping\nmodule dev.porthoster.testkit\n", output);
    }

    @Test
    void testkitOnTheClassPathBesideTheCoreAsAModuleNeedsNoAddExports(@TempDir Path dir) throws Exception {
        List<Path> modules = modulePath(Set.of("dev.porthoster.testkit"));
        Path testkit = entryOf("dev.porthoster.testkit");
        Path src = dir.resolve("src/com/example/kituser/Main.java");
        write(src, USER_CODE);
        Path out = dir.resolve("out");
        List<Path> compileWith = new ArrayList<>(modules);
        compileWith.add(testkit);
        compile(List.of("-classpath", join(compileWith), "-d", out.toString(), src.toString()));

        String output = run(List.of("--module-path", join(modules), "--add-modules", "ALL-MODULE-PATH",
                "-classpath", join(List.of(testkit, out)), "com.example.kituser.Main", HANDLER.toString()));
        assertEquals("hello from :7000\nping\nmodule null\n", output);
    }

    /** The test's own class path entries that are modules (explicit or automatic), leaving out {@code except}. */
    private static List<Path> modulePath(Set<String> except) {
        List<Path> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path entry : classPath()) {
            if (Files.isDirectory(entry) && !Files.exists(entry.resolve("module-info.class"))) {
                continue; // this module's own test classes and the like: not a module
            }
            ModuleReference ref;
            try {
                ref = ModuleFinder.of(entry).findAll().stream().findFirst().orElse(null);
            } catch (FindException e) {
                continue; // not usable as a module: the user's build would not put it on the module path either
            }
            if (ref != null && !except.contains(ref.descriptor().name()) && seen.add(ref.descriptor().name())) {
                out.add(entry);
            }
        }
        assertTrue(seen.contains("dev.porthoster.core"), "the core is not on the test's class path: " + classPath());
        return out;
    }

    private static Path entryOf(String module) {
        for (Path entry : classPath()) {
            try {
                if (ModuleFinder.of(entry).find(module).isPresent()) {
                    return entry;
                }
            } catch (FindException e) {
                // not a module; keep looking
            }
        }
        throw new AssertionError(module + " is not on the test's class path: " + classPath());
    }

    private static List<Path> classPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(cp.split(File.pathSeparator)).stream().filter(s -> !s.isBlank()).map(Path::of)
                .filter(Files::exists).toList();
    }

    private static void compile(List<String> args) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "run the tests on a JDK, not a JRE");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, err, err, args.toArray(String[]::new));
        assertEquals(0, rc, "javac failed: " + err.toString(StandardCharsets.UTF_8));
    }

    private static String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] err;
        byte[] out;
        try (var stderr = p.getErrorStream(); var stdout = p.getInputStream()) {
            var errRead = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return stderr.readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            out = stdout.readAllBytes();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the user's program did not finish in 120 s");
            err = errRead.join();
        }
        String errText = new String(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "the user's program failed:\n" + errText);
        assertTrue(!errText.contains("add-exports"), errText);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }
}
