package dev.porthoster.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as a server's administrator uses it (docs/deploy.md): unpacked with {@code tar}, run
 * through a link in a folder on {@code PATH}, where {@code PATH} holds bash and a few coreutils and nothing else (no
 * {@code mvn}, {@code java}, {@code javac}) and {@code JAVA_HOME} is unset. An archive built on JDK 25 carries its
 * own runtime and must run on it, with the Graal JIT; one built without finds a Java on the machine itself.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class UnpackedDistributionIT {

    /** What bin/porthoster and bin/launch call besides bash builtins (and bin/find-jdk, without runtime/). */
    private static final List<String> TOOLS = List.of("bash", "sh", "env", "dirname", "readlink", "sed", "head");
    private static final boolean RUNTIME = Boolean.getBoolean("porthoster.dist.runtime");
    private static final String VERSION = System.getProperty("porthoster.version");

    @TempDir
    static Path work;
    /** The unpacked porthoster-VERSION folder, as /opt/porthoster would be. */
    private static Path home;
    /** The environment every command runs in. */
    private static Map<String, String> env;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("porthoster.dist.archive"));
        assertTrue(Files.isRegularFile(archive), "the archive ./mvnw package makes: " + archive);
        Path opt = Files.createDirectories(work.resolve("opt"));
        Result tar = run(List.of("tar", "-xzf", archive.toString(), "-C", opt.toString()), null, 60);
        assertEquals(0, tar.status(), tar::toString);
        home = opt.resolve(System.getProperty("porthoster.dist.name"));

        Path path = Files.createDirectories(work.resolve("path"));
        for (String tool : TOOLS) {
            Files.createSymbolicLink(path.resolve(tool), which(tool));
        }
        Files.createSymbolicLink(path.resolve("porthoster"), home.resolve("bin/porthoster")); // ln -s into PATH
        env = Map.of("PATH", path.toString(), "HOME", Files.createDirectories(work.resolve("home")).toString(),
                "LANG", "C.UTF-8");
    }

    private static Path which(String tool) {
        return Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("no " + tool + " in /usr/bin or /bin"));
    }

    @Test
    void theArchiveHoldsTheLauncherTheModulePathTheJitAndItsOwnRuntime() throws IOException {
        for (String file : List.of("bin/porthoster", "bin/launch", "bin/find-jdk", "bin/aot-train")) {
            assertTrue(Files.isExecutable(home.resolve(file)), file + " is executable");
        }
        assertTrue(Files.isRegularFile(home.resolve("examples/echo.tcp.7000.port.js")), "examples/, as the README's");
        assertTrue(Files.isRegularFile(home.resolve("examples/relay.tcp.4000.port.json")), "with their manifests");
        assertTrue(Files.readString(home.resolve("bin/jvm-options")).contains("-XX:+ExitOnOutOfMemoryError"));
        for (String jar : List.of("porthoster-server-", "porthoster-core-", "porthoster-api-", "porthoster-js-",
                "porthoster-netty-", "porthoster-engine-graal-", "porthoster-engine-rhino-", "polyglot-",
                "truffle-api-", "truffle-runtime-", "js-language-", "rhino-", "netty-transport-native-epoll-")) {
            assertTrue(has(home.resolve("lib"), jar), "lib/ holds " + jar + "*.jar");
        }
        for (String jar : List.of("compiler-", "truffle-compiler-", "word-", "collections-", "nativeimage-")) {
            assertTrue(has(home.resolve("jit"), jar), "jit/ holds " + jar + "*.jar");
        }
        assertEquals(RUNTIME, Files.isExecutable(home.resolve("runtime/bin/java")),
                "runtime/ is there exactly when the build JDK is 25 or newer");
        if (RUNTIME) {
            assertFalse(Files.exists(home.resolve("runtime/bin/javac")), "a runtime, not a JDK");
            assertTrue(Files.isRegularFile(home.resolve("runtime/lib/server/classes.jsa")),
                    "the runtime has its class data sharing archive (the JIT goes on the ordinary module path)");
            assertFalse(Files.readString(home.resolve("runtime/release")).contains("jdk.graal.compiler"),
                    "no empty jdk.graal.compiler module to replace through the upgrade module path");
        }
    }

    private static boolean has(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).anyMatch(n -> n.startsWith(prefix) && n.endsWith(".jar"));
        }
    }

    @Test
    void versionAndCheckRunWithNoMavenNoJdkOnPathAndNoJavaHome() throws Exception {
        for (String absent : List.of("mvn", "java", "javac")) {
            assertFalse(Files.exists(Path.of(env.get("PATH"), absent)), absent + " is not on PATH");
        }
        Result version = porthoster(List.of("--version"));
        assertEquals(0, version.status(), version::toString);
        assertEquals("porthoster " + VERSION + "\n", version.out(), version::toString);
        if (RUNTIME) {
            assertFalse(version.err().contains("cannot load the Graal JIT"), version::toString);
        }

        int port = freePort();
        Path root = folderServing(port, "check");
        Result check = porthoster(List.of("check", root.toString()));
        assertEquals(0, check.status(), check::toString);
        assertTrue(check.out().contains("serve   tcp " + port + "  hi.tcp." + port + ".port.js"), check::toString);
        assertTrue(check.out().contains("1 to serve, 0 refused"), check::toString);
        // without -Dporthoster.engine the broker says which engine it picked ("using 'graal' by priority")
        assertFalse(check.err().contains("using 'graal'"), () -> "PORTHOSTER_JAVA_OPTS reached the JVM: " + check);
    }

    @Test
    void serveAnswersOnItsPortAndExitsZeroOnSigterm() throws Exception {
        int port = freePort();
        Path root = folderServing(port, "serve");
        Process serve = start(List.of("serve", root.toString(), "--bind", "127.0.0.1"));
        StringBuilder output = collect(serve);
        try {
            await(() -> text(output).contains("Ctrl-C to stop") || !serve.isAlive(), 90, () -> text(output));
            assertTrue(serve.isAlive(), () -> "serve exited: " + text(output));
            if (RUNTIME) {
                assertEquals(home.resolve("runtime/bin/java").toString(), serve.info().command().orElse(""),
                        "the launcher became the archive's own java");
                assertTrue(text(output).contains("engine: GraalJS with the optimizing JIT"), () -> text(output));
            }
            assertFalse(text(output).contains("without -XX:+ExitOnOutOfMemoryError"), "bin/jvm-options was applied");
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(20_000);
                assertEquals("hi from serve", new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.UTF_8)).readLine());
            }
            serve.destroy(); // SIGTERM, as systemctl stop sends
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), () -> "still running after SIGTERM: " + text(output));
            assertEquals(0, serve.exitValue(), () -> text(output));
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void syncRunsTheArchivesReceiveAsItsPorthosterPath() throws Exception {
        int port = freePort();
        Path root = folderServing(port, "sync");
        Files.writeString(root.resolve("_notes.txt"), "stays on the client");
        Path dir = work.resolve("srv");
        // stands in for ssh: runs the remote command line on this machine, as sshd would through the user's shell
        Path localSsh = work.resolve("local-ssh");
        Files.writeString(localSsh, "#!/bin/sh\nshift\nexec /bin/sh -c \"$1\"\n");
        Files.setPosixFilePermissions(localSsh, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result sync = porthoster(List.of("sync", root.toString(), "localhost:" + dir, "--ssh", localSsh.toString(),
                "--porthoster-path", home.resolve("bin/porthoster").toString()));
        assertEquals(0, sync.status(), sync::toString);
        assertTrue(sync.out().contains("hi.tcp." + port + ".port.js"), sync::toString);
        assertEquals(Files.readString(root.resolve("hi.tcp." + port + ".port.js")),
                Files.readString(dir.resolve("current/hi.tcp." + port + ".port.js")));
        assertFalse(Files.exists(dir.resolve("current/_notes.txt")));
    }

    /**
     * bin/aot-train, run once after unpacking as docs/deploy.md says (with the coreutils it needs, still no java on
     * PATH), makes porthoster.aot beside bin/; the archive's runtime then starts from it: with
     * {@code -XX:AOTMode=on} the JVM refuses to start unless it mapped the cache. A JVM option the cache was not
     * made with keeps the JVM from using it, and what the JVM says about that stays off standard output, which is
     * {@code porthoster receive}'s protocol.
     */
    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void theStartUpCacheTrainedAtInstallIsWhatTheRuntimeStartsFrom() throws Exception {
        Assumptions.assumeTrue(RUNTIME, "the start-up cache is for the archive's own runtime (built on JDK 25)");
        Path path = Files.createDirectories(work.resolve("path-train"));
        for (String tool : List.of("bash", "sh", "env", "dirname", "readlink", "sed", "head", "mktemp", "mkdir", "cp", "mv",
                "rm", "cut", "basename", "grep", "seq", "sleep", "timeout", "cat")) {
            Files.createSymbolicLink(path.resolve(tool), which(tool));
        }
        Map<String, String> trainEnv = new java.util.HashMap<>(env);
        trainEnv.put("PATH", path.toString());
        Result train = run(List.of(home.resolve("bin/aot-train").toString()), trainEnv, 300);
        assertEquals(0, train.status(), train::toString);
        assertTrue(Files.size(home.resolve("porthoster.aot")) > 0, train::toString);
        assertEquals(home.resolve("runtime").toString(), Files.readString(home.resolve("porthoster.aot.runtime")).strip());

        Result used = porthoster(List.of("--version"), "-XX:AOTMode=on");
        assertEquals(0, used.status(), used::toString);
        assertEquals("porthoster " + VERSION + "\n", used.out(), used::toString);

        Result refused = porthoster(List.of("--version"), "-XX:-UseCompressedOops");
        assertEquals(0, refused.status(), refused::toString);
        assertEquals("porthoster " + VERSION + "\n", refused.out(), "only the version on standard output: " + refused);
        assertTrue(refused.err().contains("AOT cache"), () -> "the JVM said why, on standard error: " + refused);
    }

    /** A folder with one handler on {@code port} that greets and hangs up. */
    private static Path folderServing(int port, String name) throws IOException {
        Path root = Files.createDirectories(work.resolve("port-" + name));
        Files.writeString(root.resolve("hi.tcp." + port + ".port.js"),
                "export function handle(conn) { conn.end('hi from " + name + "\\n'); }\n");
        return root;
    }

    private record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n" + out + err;
        }
    }

    /**
     * {@code porthoster ARGS} through the link on PATH, as a user types it, on Rhino (chosen through
     * {@code PORTHOSTER_JAVA_OPTS}, which the launcher passes on): it loads handlers in half the time GraalJS takes,
     * and {@code serve} checks GraalJS with its JIT.
     */
    private static Result porthoster(List<String> args) throws Exception {
        return porthoster(args, "");
    }

    /** As {@link #porthoster(List)}, with {@code javaOptions} added to {@code PORTHOSTER_JAVA_OPTS}. */
    private static Result porthoster(List<String> args, String javaOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(env.get("PATH"), "porthoster").toString()));
        command.addAll(args);
        Map<String, String> rhino = new java.util.HashMap<>(env);
        rhino.put("PORTHOSTER_JAVA_OPTS", ("-Dporthoster.engine=rhino " + javaOptions).strip());
        return run(command, rhino, 120);
    }

    private static Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(env.get("PATH"), "porthoster").toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb.start();
    }

    private static Result run(List<String> command, Map<String, String> environment, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (environment != null) {
            pb.environment().clear();
            pb.environment().putAll(environment);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " ran longer than " + seconds + " s");
        }
        return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static String drain(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StringBuilder collect(Process p) {
        StringBuilder output = new StringBuilder();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        return output;
    }

    private static String text(StringBuilder output) {
        synchronized (output) {
            return output.toString();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, int seconds,
            java.util.function.Supplier<String> seen) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertTrue(condition.getAsBoolean(), () -> "waited " + seconds + " s; saw: " + seen.get());
    }

    /**
     * A port free on loopback for TCP and UDP, below the kernel's ephemeral range (32768 and up), so no outgoing
     * connection takes it between this check and the broker's bind (as porthoster-server's FreePorts).
     */
    private static int freePort() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 32768);
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return port;
                }
            } catch (IOException busy) {
                // taken; try another
            }
        }
        throw new IllegalStateException("no free loopback port in 20000-32767");
    }
}
