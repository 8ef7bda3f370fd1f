package dev.porthoster.core.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Manifest v1, parsed strictly: file, line and key in every error. */
class ManifestParserTest {

    @TempDir
    Path root;

    private Path write(String json) throws IOException {
        Path p = root.resolve("echo.tcp.7000.port.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void theDesignsExampleParses() throws Exception {
        Manifest m = ManifestParser.parse(write("""
                {
                  "allow": ["0.0.0.0/0", "::/0"],
                  "deny": ["203.0.113.0/24"],
                  "connections": { "max": 1000, "perSource": 20 },
                  "rate": { "perSource": "20/s", "burst": 40, "global": "2000/s" },
                  "idleTimeout": "5m",
                  "instances": 1,
                  "limits": { "callback": "200ms", "memory": "64MiB" }
                }
                """));
        assertEquals(2, m.allow().size());
        assertEquals("203.0.113.0/24", m.deny().get(0).toString());
        assertEquals(new Manifest.Connections(1000, 20), m.connections());
        assertEquals(new Manifest.Rate(20, Duration.ofSeconds(1)), m.rate().perSource().orElseThrow());
        assertEquals(40, m.rate().burst());
        assertEquals("2000/s", m.rate().global().orElseThrow().toString());
        assertEquals(Optional.of(Duration.ofMinutes(5)), m.idleTimeout());
        assertEquals(new Manifest.Limits(Optional.of(Duration.ofMillis(200)), OptionalLong.of(64L << 20)), m.limits());
    }

    @Test
    void theConnectListTakesAddressesAndBlocksWithOnePortEach() throws Exception {
        Manifest m = ManifestParser.parse(write("""
                {"connect": ["10.0.0.5:6379", "[::1]:53", "192.0.2.0/24:443", "[2001:db8::/32]:53"]}
                """));
        assertEquals("[10.0.0.5:6379, [::1]:53, 192.0.2.0/24:443, [2001:db8::/32]:53]", m.connect().toString());
        assertEquals(java.util.List.of(), Manifest.defaults().connect(), "no manifest, no outbound traffic");
    }

    @Test
    void aConnectListLongerThanTheBoundIsRefused() throws IOException {
        Path file = write("{\"connect\": [" + "\"10.0.0.5:1\",".repeat(256) + "\"10.0.0.5:2\"]}");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestParser.parse(file));
        assertEquals("echo.tcp.7000.port.json:1: connect: more than 256 destinations; use address blocks", e.getMessage());
    }

    @Test
    void limitsLeftOutAreTheBrokersDefaults() throws Exception {
        assertEquals(Manifest.Limits.NONE, ManifestParser.parse(write("{\"limits\": {}}")).limits());
        Manifest.Limits onlyCallback = ManifestParser.parse(write("{\"limits\": {\"callback\": \"2s\"}}")).limits();
        assertEquals(Optional.of(Duration.ofSeconds(2)), onlyCallback.callback());
        assertEquals(OptionalLong.empty(), onlyCallback.memory());
        assertEquals(OptionalLong.of(1L << 30), ManifestParser.parse(write("{\"limits\": {\"memory\": \"1GiB\"}}")).limits().memory());
    }

    @Test
    void tlsTakesAlpnAndClientCertificatesRequiredByDefault() throws Exception {
        Manifest m = ManifestParser.parse(write("""
                {"tls": {"cert": "certs/x.pem", "key": "certs/x.key", "alpn": ["h2", "http/1.1"],
                         "clientAuth": {"ca": "certs/ca.pem"}},
                 "proxyProtocol": {"trusted": ["10.0.0.0/8", "2001:db8::/32"]}}
                """));
        assertEquals(new Manifest.Tls("certs/x.pem", "certs/x.key", java.util.List.of("h2", "http/1.1"),
                java.util.Optional.of(new Manifest.ClientAuth("certs/ca.pem", Manifest.ClientAuth.Mode.REQUIRE))),
                m.tls().orElseThrow());
        assertEquals(2, m.proxyProtocol().orElseThrow().size());
        assertEquals(Manifest.ClientAuth.Mode.REQUEST, ManifestParser.parse(write(
                "{\"tls\": {\"cert\": \"c\", \"key\": \"k\", \"clientAuth\": {\"ca\": \"a\", \"mode\": \"request\"}}}"))
                .tls().orElseThrow().clientAuth().orElseThrow().mode());
    }

    @Test
    void emptyObjectMeansTheDefaults() throws Exception {
        assertEquals(Manifest.defaults(), ManifestParser.parse(write("{}")));
    }

    @Test
    void burstDefaultsToTheRatesCount() throws Exception {
        assertEquals(600, ManifestParser.parse(write("{\"rate\": {\"perSource\": \"600/m\"}}")).rate().burst());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
            "{\\n  \"alow\": []\\n} => echo.tcp.7000.port.json:2: alow: unknown key; a manifest may have only allow, connect, connections, deny, idleTimeout, instances, limits, proxyProtocol, rate, tls",
            "{\\n\"rate\": {\\n  \"perSource\": 20\\n}} => echo.tcp.7000.port.json:3: rate.perSource: expected a rate such as \"20/s\", \"600/m\" or \"10000/h\" (a whole number of at least 1), got 20",
            "{\"rate\": {\"perSource\": \"0/s\"}} => echo.tcp.7000.port.json:1: rate.perSource: expected a rate such as \"20/s\", \"600/m\" or \"10000/h\" (a whole number of at least 1), got \"0/s\"",
            "{\"rate\": {\"burst\": 5}} => echo.tcp.7000.port.json:1: rate.burst: is the size of the per-source bucket; set rate.perSource too",
            "{\"deny\": [\"10.0.0.0/8\",\\n \"300.1.1.1\"]} => echo.tcp.7000.port.json:2: deny[1]: '300.1.1.1' is not an IPv4 or IPv6 address",
            "{\"allow\": \"0.0.0.0/0\"} => echo.tcp.7000.port.json:1: allow: expected an array of address blocks such as [\"203.0.113.0/24\", \"2001:db8::/32\"], got \"0.0.0.0/0\"",
            "{\"connections\": {\"max\": 10, \"perSource\": 20}} => echo.tcp.7000.port.json:1: connections.perSource: is 20, more than connections.max (10); a source can never have more than the port allows",
            "{\"connections\": {\"max\": -1}} => echo.tcp.7000.port.json:1: connections.max: expected a whole number from 1 to 1000000, got -1",
            "{\"connections\": {\"max\": 1.5}} => echo.tcp.7000.port.json:1: connections.max: expected a whole number from 1 to 1000000, got 1.5",
            "{\"connections\": {\"max\": \"10\"}} => echo.tcp.7000.port.json:1: connections.max: expected a whole number from 1 to 1000000, got \"10\"",
            "{\"idleTimeout\": 300} => echo.tcp.7000.port.json:1: idleTimeout: expected a duration such as \"30s\", \"5m\", \"1h\" or \"500ms\", got 300",
            "{\"instances\": 0} => echo.tcp.7000.port.json:1: instances: expected a whole number from 1 to 256, got 0",
            "{\"tls\": {\"cert\": \"/etc/passwd\", \"key\": \"k\"}} => echo.tcp.7000.port.json:1: tls.cert: must be a path inside the content root, not \"/etc/passwd\"",
            "{\"tls\": {\"cert\": \"c.pem\"}} => echo.tcp.7000.port.json:1: tls: needs 'key'",
            "{\"tls\": {\"cert\": \"c.pem\", \"key\": \"k.pem\", \"ciphers\": []}} => echo.tcp.7000.port.json:1: tls.ciphers: unknown key; 'tls' may have only alpn, cert, clientAuth, key",
            "{\"tls\": {\"cert\": \"c.pem\", \"key\": \"k.pem\", \"alpn\": \"h2\"}} => echo.tcp.7000.port.json:1: tls.alpn: expected a non-empty array of protocol names such as [\"h2\", \"http/1.1\"], got \"h2\"",
            "{\"tls\": {\"cert\": \"c.pem\", \"key\": \"k.pem\", \"alpn\": [\"h2\", \"h 2\"]}} => echo.tcp.7000.port.json:1: tls.alpn[1]: expected a protocol name of 1 to 255 printable ASCII characters such as \"h2\", got \"h 2\"",
            "{\"tls\": {\"cert\": \"c.pem\", \"key\": \"k.pem\", \"alpn\": [\"h2\", \"h2\"]}} => echo.tcp.7000.port.json:1: tls.alpn[1]: \"h2\" is listed twice",
            "{\"tls\": {\"cert\": \"c.pem\", \"key\": \"k.pem\", \"clientAuth\": {\"mode\": \"require\"}}} => echo.tcp.7000.port.json:1: tls.clientAuth: needs 'ca'",
            "{\"tls\": {\"cert\": \"c.pem\", \"key\": \"k.pem\", \"clientAuth\": {\"ca\": \"ca.pem\", \"mode\": \"optional\"}}} => echo.tcp.7000.port.json:1: tls.clientAuth.mode: expected \"require\" (clients without a certificate are refused) or \"request\" (they are served), got \"optional\"",
            "{\"proxyProtocol\": {\"trusted\": [\"10.0.0.1/8\"]}} => echo.tcp.7000.port.json:1: proxyProtocol.trusted[0]: '10.0.0.1/8' has host bits set after /8; did you mean 10.0.0.0/8?",
            "{\"allow\": [], \"allow\": []} => echo.tcp.7000.port.json:1: not valid JSON: Duplicate Object property \"allow\"",
            "[1, 2] => echo.tcp.7000.port.json: the manifest must be a JSON object such as {\"allow\": [\"0.0.0.0/0\"]}",
            "{\"allow\": [} => echo.tcp.7000.port.json:1: not valid JSON: Unexpected close marker '}': expected ']'",
            "{\"limits\": \"200ms\"} => echo.tcp.7000.port.json:1: limits: expected an object such as {\"callback\": \"200ms\", \"memory\": \"64MiB\"}, got \"200ms\"",
            "{\"limits\": {\\n  \"cpu\": \"1s\"}} => echo.tcp.7000.port.json:2: limits.cpu: unknown key; 'limits' may have only callback, memory",
            "{\"limits\": {\"callback\": 200}} => echo.tcp.7000.port.json:1: limits.callback: expected a duration from 10ms to 60s such as \"200ms\" or \"2s\", got 200",
            "{\"limits\": {\"callback\": \"5ms\"}} => echo.tcp.7000.port.json:1: limits.callback: expected a duration from 10ms to 60s such as \"200ms\" or \"2s\", got \"5ms\"",
            "{\"limits\": {\"callback\": \"2m\"}} => echo.tcp.7000.port.json:1: limits.callback: expected a duration from 10ms to 60s such as \"200ms\" or \"2s\", got \"2m\"",
            "{\"limits\": {\"callback\": \"1h\"}} => echo.tcp.7000.port.json:1: limits.callback: expected a duration from 10ms to 60s such as \"200ms\" or \"2s\", got \"1h\"",
            "{\"limits\": {\"memory\": \"64MB\"}} => echo.tcp.7000.port.json:1: limits.memory: expected a size from 1MiB to 4GiB such as \"64MiB\" (units KiB, MiB, GiB), got \"64MB\"",
            "{\"limits\": {\"memory\": \"8GiB\"}} => echo.tcp.7000.port.json:1: limits.memory: expected a size from 1MiB to 4GiB such as \"64MiB\" (units KiB, MiB, GiB), got \"8GiB\"",
            "{\"limits\": {\"memory\": \"512KiB\"}} => echo.tcp.7000.port.json:1: limits.memory: expected a size from 1MiB to 4GiB such as \"64MiB\" (units KiB, MiB, GiB), got \"512KiB\"",
            "{\"limits\": {\"memory\": 67108864}} => echo.tcp.7000.port.json:1: limits.memory: expected a size from 1MiB to 4GiB such as \"64MiB\" (units KiB, MiB, GiB), got 67108864",            "{\"connect\": \"10.0.0.5:6379\"} => echo.tcp.7000.port.json:1: connect: expected an array of destinations such as [\"10.0.0.5:6379\", \"[::1]:53\", \"192.0.2.0/24:443\"], got \"10.0.0.5:6379\"",
            "{\"connect\": [\\n  \"10.0.0.5:6379\",\\n  6379]} => echo.tcp.7000.port.json:3: connect[1]: expected a string \"ADDRESS:PORT\" such as \"10.0.0.5:6379\", \"[::1]:53\" or \"192.0.2.0/24:443\", got 6379",
            "{\"connect\": [\"redis.internal:6379\"]} => echo.tcp.7000.port.json:1: connect[0]: \"redis.internal:6379\" names a host; connect takes IP addresses and blocks, never host names (a name would be looked up on the handler's event loop, and a list by name holds only as long as DNS answers what you expect): write the address, such as \"127.0.0.1:6379\"",
            "{\"connect\": [\"localhost:6379\"]} => echo.tcp.7000.port.json:1: connect[0]: \"localhost:6379\" names a host; connect takes IP addresses and blocks, never host names (a name would be looked up on the handler's event loop, and a list by name holds only as long as DNS answers what you expect): write the address, such as \"127.0.0.1:6379\"",
            "{\"connect\": [\"10.0.0.5\"]} => echo.tcp.7000.port.json:1: connect[0]: \"10.0.0.5\" has no port; expected \"ADDRESS:PORT\" such as \"10.0.0.5:6379\", \"[::1]:53\" or \"192.0.2.0/24:443\"",
            "{\"connect\": [\"::1:53\"]} => echo.tcp.7000.port.json:1: connect[0]: \"::1:53\": put an IPv6 address in brackets, as in \"[::1]:53\", so its last colon is not read as the port's",
            "{\"connect\": [\"[10.0.0.5]:53\"]} => echo.tcp.7000.port.json:1: connect[0]: \"[10.0.0.5]:53\": brackets are for IPv6 addresses; write an IPv4 entry without them, such as \"10.0.0.5:53\"",
            "{\"connect\": [\"[::1]53\"]} => echo.tcp.7000.port.json:1: connect[0]: \"[::1]53\": an IPv6 entry is \"[ADDRESS]:PORT\" such as \"[::1]:53\" or \"[2001:db8::/32]:53\"",
            "{\"connect\": [\"10.0.0.5:*\"]} => echo.tcp.7000.port.json:1: connect[0]: \"10.0.0.5:*\": a port must be one number from 1 to 65535; ranges and * are not allowed, list each port the handler talks to",
            "{\"connect\": [\"10.0.0.5:6379-6380\"]} => echo.tcp.7000.port.json:1: connect[0]: \"10.0.0.5:6379-6380\": a port must be one number from 1 to 65535; ranges and * are not allowed, list each port the handler talks to",
            "{\"connect\": [\"10.0.0.5:0\"]} => echo.tcp.7000.port.json:1: connect[0]: \"10.0.0.5:0\" has port '0'; expected a number from 1 to 65535 without leading zeros",
            "{\"connect\": [\"10.0.0.5:65536\"]} => echo.tcp.7000.port.json:1: connect[0]: \"10.0.0.5:65536\" has port '65536'; expected a number from 1 to 65535 without leading zeros",
            "{\"connect\": [\"10.0.0.5:06379\"]} => echo.tcp.7000.port.json:1: connect[0]: \"10.0.0.5:06379\" has port '06379'; expected a number from 1 to 65535 without leading zeros",
            "{\"connect\": [\"192.0.2.1/24:443\"]} => echo.tcp.7000.port.json:1: connect[0]: \"192.0.2.1/24:443\": '192.0.2.1/24' has host bits set after /24; did you mean 192.0.2.0/24?",
            "{\"connect\": [\"300.1.1.1:80\"]} => echo.tcp.7000.port.json:1: connect[0]: \"300.1.1.1:80\": '300.1.1.1' is not an IPv4 or IPv6 address",
    })
    void invalidManifestsNameFileLineKeyAndTheExpectedForm(String json, String message) throws IOException {
        Path file = write(json.replace("\\n", "\n"));
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestParser.parse(file));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aHugeManifestIsRefusedUnread() throws IOException {
        Path file = write("{\"deny\": [" + "\"10.0.0.0/8\",".repeat(10_000) + "\"10.0.0.0/8\"]}");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestParser.parse(file));
        assertEquals("echo.tcp.7000.port.json: the manifest is larger than 64 KiB; a manifest holds a few rules, not data",
                e.getMessage());
    }

    @Test
    void aManifestThatIsAFifoIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = Fifos.make(root.resolve("echo.tcp.7000.port.json"));
        ManifestException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ManifestException.class, () -> ManifestParser.parse(fifo)),
                "opening a FIFO blocks until a writer comes; it must never be opened");
        assertEquals("echo.tcp.7000.port.json: the manifest is a FIFO or other special file; a manifest must be a "
                + "regular file (links are not followed)", e.getMessage());
    }

    @Test
    void aManifestThatIsASymlinkIsRefusedEvenWhenItPointsAtAValidManifest() throws IOException {
        Path real = Files.writeString(root.resolve("real.json"), "{}");
        Path link = Files.createSymbolicLink(root.resolve("echo.tcp.7000.port.json"), real);
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestParser.parse(link));
        assertEquals("echo.tcp.7000.port.json: the manifest is a symbolic link; a manifest must be a regular file "
                + "(links are not followed)", e.getMessage());
    }

    /** Generated manifests (seeded, so a failure reproduces) never crash the parser: always a manifest or a clear error. */
    @Test
    void generatedManifestsAlwaysGetADecision() throws IOException {
        Random random = new Random(20261124);
        String[] atoms = {"{", "}", "[", "]", ",", ":", "\"allow\"", "\"deny\"", "\"rate\"", "\"perSource\"", "\"burst\"",
                "\"connections\"", "\"max\"", "\"idleTimeout\"", "\"5m\"", "\"20/s\"", "\"::/0\"", "\"10.0.0.0/8\"", "1", "-1",
                "1e99", "null", "true", "\"\\u0000\"", "\"tls\"", "\"instances\"", " ", "\n", "\"x\"", "\"limits\"",
                "\"callback\"", "\"memory\"", "\"200ms\"", "\"64MiB\"", "\"connect\"", "\"10.0.0.5:6379\"", "\"[::1]:53\"",
                "\"a:b:c\"", "\"[\"", "\"10.0.0.0/8:1\""};
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(30);
            for (int k = 0; k < n; k++) {
                sb.append(atoms[random.nextInt(atoms.length)]);
            }
            Path file = write(sb.toString());
            try {
                ManifestParser.parse(file);
            } catch (ManifestException e) {
                if (!e.getMessage().startsWith("echo.tcp.7000.port.json")) {
                    throw new AssertionError("error without the file name for input " + sb + ": " + e.getMessage());
                }
            } catch (RuntimeException e) {
                throw new AssertionError("the parser crashed on input: " + sb, e);
            }
        }
    }
}
