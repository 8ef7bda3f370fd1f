package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.porthoster.core.Broker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol examples answered by their real clients: redis-cli and redis-benchmark, curl, dig. CI installs the
 * clients (.ci/run); where one is missing its test is skipped with the package to install. Runs once per engine
 * (ExamplesOnGraalTest, ExamplesOnRhinoTest), so the same example files are proven on GraalJS and on Rhino.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExamplesWithRealClients {

    private final String engine;

    ExamplesWithRealClients(String engine) {
        this.engine = engine;
    }

    private static final Path EXAMPLES = Path.of("..", "examples");

    private Broker broker;
    private int kv;
    private int web;
    private int dns;

    @BeforeAll
    void serveExamples(@TempDir Path root) throws IOException {
        kv = FreePorts.next();
        web = FreePorts.next();
        dns = FreePorts.next();
        Files.copy(EXAMPLES.resolve("kv.tcp.6380.port.js"), root.resolve("kv.tcp." + kv + ".port.js"));
        Files.copy(EXAMPLES.resolve("web.tcp.8080.port.js"), root.resolve("web.tcp." + web + ".port.js"));
        Files.copy(EXAMPLES.resolve("dns.udp.5300.port.js"), root.resolve("dns.udp." + dns + ".port.js"));
        Files.createDirectories(root.resolve("lib"));
        for (String lib : new String[] {"resp.js", "http.js", "dns.js"}) {
            Files.copy(EXAMPLES.resolve("lib").resolve(lib), root.resolve("lib").resolve(lib));
        }
        broker = Broker.builder(root).bindAddress(InetAddress.getLoopbackAddress()).engine(engine).build().start();
        assertEquals(3, broker.status().stream().filter(s -> s instanceof dev.porthoster.core.HandlerStatus.Serving).count(),
                () -> "all three examples serving: " + broker.status());
    }

    @AfterAll
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        assumeTrue(onPath(command[0]), command[0] + " is not installed (apt-get install "
                + switch (command[0]) {
                    case "redis-cli", "redis-benchmark" -> "redis-tools";
                    case "dig" -> "dnsutils";
                    default -> command[0];
                } + "); .ci/run installs it");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed: " + out);
        return out;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void redisCliSetsGetsAndCounts() throws Exception {
        String port = String.valueOf(kv);
        assertEquals("OK\n", run("redis-cli", "-p", port, "set", "greeting", "hello world"));
        assertEquals("hello world\n", run("redis-cli", "-p", port, "get", "greeting"));
        assertEquals("1\n", run("redis-cli", "-p", port, "incr", "visits"));
        assertEquals("2\n", run("redis-cli", "-p", port, "incr", "visits"));
        assertEquals("\n", run("redis-cli", "-p", port, "get", "missing"));
        assertTrue(run("redis-cli", "-p", port, "frobnicate").contains("ERR unknown command 'frobnicate'"));
    }

    @Test
    void redisBenchmarkCompletesWithAndWithoutPipelining() throws Exception {
        String port = String.valueOf(kv);
        for (String pipeline : new String[] {"1", "16"}) {
            String out = run("redis-benchmark", "-p", port, "-t", "set,get", "-n", "5000", "-c", "8", "-P", pipeline, "-q");
            assertTrue(out.contains("SET: ") && out.contains("GET: ") && out.contains("requests per second"), out);
        }
    }

    @Test
    void curlGetsPagesOverOneKeptAliveConnection() throws Exception {
        String base = "http://127.0.0.1:" + web;
        String out = run("curl", "-sv", base + "/", base + "/hello/porthoster");
        assertTrue(out.contains("< HTTP/1.1 200 OK"), out);
        assertTrue(out.contains("hello world"), out);
        assertTrue(out.contains("hello, porthoster, from :" + web), out);
        assertTrue(out.toLowerCase().contains("re-using existing connection") || out.contains("Reusing existing"),
                "the second request reused the connection: " + out);
        assertTrue(run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", base + "/nope").equals("404"));
        assertEquals("posted body", run("curl", "-s", "--data-binary", "posted body", base + "/echo"));
    }

    @Test
    void digResolvesTheZoneAndRefusesOthers() throws Exception {
        String port = String.valueOf(dns);
        assertEquals("127.0.0.1\n", run("dig", "@127.0.0.1", "-p", port, "hello.porthoster.test", "+short"));
        assertEquals("::1\n", run("dig", "@127.0.0.1", "-p", port, "hello.porthoster.test", "AAAA", "+short"));
        assertTrue(run("dig", "@127.0.0.1", "-p", port, "hello.porthoster.test", "TXT", "+short")
                .contains("hello from porthoster"));
        assertTrue(run("dig", "@127.0.0.1", "-p", port, "example.com").contains("status: REFUSED"));
    }

    @Test
    void pipelinedRespCommandsAnswerInOrderAndGarbageGetsAnErrorNotACrash() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), kv)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("*3\r\n$3\r\nSET\r\n$1\r\np\r\n$2\r\nv1\r\n" + "*2\r\n$3\r\nGET\r\n$1\r\np\r\n"
                    + "PING\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals(List.of("+OK", "$2", "v1", "+PONG"), List.of(in.readLine(), in.readLine(), in.readLine(), in.readLine()));
            s.getOutputStream().write("*1\r\n!!\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(in.readLine().startsWith("-ERR Protocol error"));
            assertEquals(null, in.readLine(), "the server closes a connection that broke the protocol");
        }
        try (Socket again = new Socket(InetAddress.getLoopbackAddress(), kv)) {
            again.setSoTimeout(5000);
            again.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("+PONG", new BufferedReader(new InputStreamReader(again.getInputStream(), StandardCharsets.US_ASCII)).readLine());
        }
    }

    @Test
    void pipelinedHttpRequestsAnswerInOrderAndABadRequestGets400() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), web)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET /hello/a HTTP/1.1\r\nHost: x\r\n\r\nGET /hello/b HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "BROKEN\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            List<String> statuses = new ArrayList<>();
            for (String line : all.split("\r?\n")) {
                if (line.startsWith("HTTP/1.1 ")) {
                    statuses.add(line);
                }
            }
            assertEquals(List.of("HTTP/1.1 200 OK", "HTTP/1.1 200 OK", "HTTP/1.1 400 Bad Request"), statuses);
            assertTrue(all.indexOf("hello, a") < all.indexOf("hello, b"), all);
        }
    }
}
