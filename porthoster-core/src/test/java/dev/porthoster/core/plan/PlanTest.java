package dev.porthoster.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.porthoster.core.manifest.Fifos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanning a content root into a plan. */
class PlanTest {

    @TempDir
    Path root;

    private Path touch(String name, long mtimeMillis) throws IOException {
        Path p = root.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "export function handle() {}\n");
        Files.setLastModifiedTime(p, FileTime.fromMillis(mtimeMillis));
        return p;
    }

    private Plan scan() {
        return PlanScanner.scan(root, Plan.Options.defaults());
    }

    private List<String> refusals(Plan plan) {
        return plan.refusals().stream().map(Plan.Refusal::message).toList();
    }

    @Test
    void laterClaimOfSamePortIsRefusedAndLogged() throws IOException {
        touch("first.tcp.7000.port.js", 1_000);
        touch("second.tcp.7000.port.js", 2_000);
        Plan plan = scan();
        assertEquals(1, plan.entryPoints().size());
        assertEquals("first", plan.entryPoints().get(0).spec().name());
        assertEquals(List.of("second.tcp.7000.port.js: tcp/7000 is already claimed by first.tcp.7000.port.js "
                + "(the earlier file keeps the port); rename one of them; nothing was opened"), refusals(plan));
    }

    @Test
    void sameModificationTimeFallsBackToNameOrder() throws IOException {
        touch("zeta.udp.9000.port.js", 5_000);
        touch("alpha.udp.9000.port.js", 5_000);
        Plan plan = scan();
        assertEquals("alpha", plan.entryPoints().get(0).spec().name());
        assertEquals(1, plan.refusals().size());
    }

    @Test
    void tcpAndUdpOnTheSameNumberDoNotConflict() throws IOException {
        touch("dns.udp.5353.port.js", 1);
        touch("dns.tcp.5353.port.js", 2);
        Plan plan = scan();
        assertEquals(2, plan.entryPoints().size());
        assertTrue(plan.isClean());
    }

    @Test
    void reservedPortsAreRefused() throws IOException {
        touch("ssh.tcp.22.port.js", 1);
        touch("web.tcp.80.port.js", 1);
        touch("sync.tcp.7701.port.js", 1);
        touch("admin.tcp.7702.port.js", 1);
        assertEquals(List.of(
                "admin.tcp.7702.port.js: port 7702 is reserved (sync API or admin port); nothing was opened",
                "ssh.tcp.22.port.js: port 22 is reserved for SSH; nothing was opened",
                "sync.tcp.7701.port.js: port 7701 is reserved (sync API or admin port); nothing was opened",
                "web.tcp.80.port.js: port 80 is below 1024, which the server config does not allow; nothing was opened"),
                refusals(scan()));
        Plan allowed = PlanScanner.scan(root, new Plan.Options(false, new ReservedPorts(Set.of(22), true)));
        assertEquals(3, allowed.entryPoints().size(), "privileged ports served when allowed; 22 stays reserved");
    }

    @Test
    void manifestWithoutHandlerIsRefused() throws IOException {
        touch("ghost.tcp.7000.port.json", 1);
        assertEquals(List.of("ghost.tcp.7000.port.json: this manifest has no handler ghost.tcp.7000.port.js beside it; "
                + "nothing was opened"), refusals(scan()));
    }

    @Test
    void manifestBesideItsHandlerIsAttached() throws IOException {
        touch("echo.tcp.7000.port.js", 1);
        Path manifest = touch("echo.tcp.7000.port.json", 1);
        Files.writeString(manifest, "{\"deny\": [\"203.0.113.0/24\"]}");
        Plan.EntryPoint entry = scan().entryPoints().get(0);
        assertEquals(manifest, entry.manifest().orElseThrow());
        assertEquals("203.0.113.0/24", entry.rules().deny().get(0).toString());
    }

    @Test
    void invalidManifestRefusesItsHandlerWithFileLineAndKey() throws IOException {
        touch("echo.tcp.7000.port.js", 1);
        Path manifest = touch("echo.tcp.7000.port.json", 1);
        Files.writeString(manifest, "{\n  \"rate\": {\"perSecond\": \"5/s\"}\n}");
        Plan plan = scan();
        assertEquals(List.of(), plan.entryPoints());
        assertEquals(List.of("echo.tcp.7000.port.json:2: rate.perSecond: unknown key; 'rate' may have only burst, global, "
                + "perSource; so echo.tcp.7000.port.js is not served; nothing was opened"), refusals(plan));
    }

    @Test
    void refusedManifestNamesTheHandlerItKeepsFromServingAsDataNotWords() throws IOException {
        Path handler = touch("echo.tcp.7000.port.js", 1);
        Path manifest = touch("echo.tcp.7000.port.json", 1);
        Files.writeString(manifest, "{\n  \"rate\": {\"perSecond\": \"5/s\"}\n}");
        Plan.Refusal refusal = scan().refusals().get(0);
        assertEquals(new Plan.Refusal(manifest, 2, "rate.perSecond: unknown key; 'rate' may have only burst, global, "
                + "perSource", new Plan.Consequence.HandlerNotServed(handler)), refusal);
        assertEquals("echo.tcp.7000.port.json:2: rate.perSecond: unknown key; 'rate' may have only burst, global, "
                + "perSource; the previous version keeps serving",
                refusal.withConsequence(new Plan.Consequence.PreviousVersionServes()).message());
    }

    @Test
    void manifestAskingForSeveralInstancesIsPlannedWithThem() throws IOException {
        touch("echo.tcp.7000.port.js", 1);
        Files.writeString(touch("echo.tcp.7000.port.json", 1), "{\"instances\": 2}");
        Plan plan = scan();
        assertEquals(List.of(), refusals(plan));
        assertEquals(2, plan.entryPoints().getFirst().rules().instances());
    }

    @Test
    void udpManifestAskingForTlsOrProxyProtocolIsRefusedWithTheReason() throws IOException {
        touch("dns.udp.5300.port.js", 1);
        Files.writeString(touch("dns.udp.5300.port.json", 1), "{\"tls\": {\"cert\": \"c.pem\", \"key\": \"k.pem\"}}");
        touch("ntp.udp.5301.port.js", 1);
        Files.writeString(touch("ntp.udp.5301.port.json", 1), "{\"proxyProtocol\": {\"trusted\": [\"10.0.0.0/8\"]}}");
        assertEquals(List.of("dns.udp.5300.port.json: tls: TLS is terminated for TCP handlers only (DTLS is not "
                        + "offered); remove 'tls' from a udp manifest; nothing was opened",
                "ntp.udp.5301.port.json: proxyProtocol: PROXY headers are read on TCP ports only (this build does not "
                        + "take PROXY v2 on datagrams, see docs/edge.md); remove 'proxyProtocol' from a udp manifest; "
                        + "nothing was opened"), refusals(scan()));
    }

    @Test
    void tlsManifestWhoseCertificateFileIsMissingRefusesItsHandlerNamingKeyLineAndFile() throws IOException {
        Path handler = touch("echo.tcp.7000.port.js", 1);
        Path manifest = touch("echo.tcp.7000.port.json", 1);
        Files.writeString(manifest, "{\"tls\": {\n  \"cert\": \"certs/echo.pem\",\n  \"key\": \"certs/echo.key\"}}");
        assertEquals(List.of(new Plan.Refusal(manifest, 2, "tls.cert: certs/echo.pem does not exist",
                new Plan.Consequence.HandlerNotServed(handler))), scan().refusals());
    }

    @Test
    void handlerNamedFilesInSubfoldersAreSupportingAndIgnoredPathsAreCounted() throws IOException {
        touch("lib/echo.tcp.7000.port.js", 1);
        touch("lib/util.js", 1);
        touch("lib/_private/secret.js", 1);
        touch("_drafts/x.tcp.7001.port.js", 1);
        touch(".git/config", 1);
        touch("_wip.tcp.7002.port.js", 1);
        Plan plan = scan();
        assertEquals(List.of(), plan.entryPoints());
        assertEquals(2, plan.supportingFiles());
        assertEquals(4, plan.ignoredPaths());
    }

    @Test
    void symlinkedHandlerIsRefused() throws IOException {
        Path real = touch("lib/real.js", 1);
        Files.createSymbolicLink(root.resolve("link.tcp.7000.port.js"), real);
        assertEquals(List.of("link.tcp.7000.port.js: an entry point must be a regular file, not a link or special file; "
                + "nothing was opened"), refusals(scan()));
    }

    @Test
    void manifestThatIsASymlinkRefusesItsHandler() throws IOException {
        touch("echo.tcp.7000.port.js", 1);
        Path elsewhere = Files.writeString(touch("lib/allow-all.json", 1), "{}");
        Files.createSymbolicLink(root.resolve("echo.tcp.7000.port.json"), elsewhere);
        Plan plan = scan();
        assertEquals(List.of(), plan.entryPoints(), "never served with the allow-all defaults");
        assertEquals(List.of("echo.tcp.7000.port.json: the manifest is a symbolic link; a manifest must be a regular "
                + "file (links are not followed); so echo.tcp.7000.port.js is not served; nothing was opened"),
                refusals(plan));
    }

    @Test
    void manifestThatIsADirectoryRefusesItsHandler() throws IOException {
        touch("echo.tcp.7000.port.js", 1);
        Files.createDirectory(root.resolve("echo.tcp.7000.port.json"));
        Plan plan = scan();
        assertEquals(List.of(), plan.entryPoints());
        assertEquals(List.of("echo.tcp.7000.port.json: the manifest is a directory; a manifest must be a regular "
                + "file (links are not followed); so echo.tcp.7000.port.js is not served; nothing was opened"),
                refusals(plan));
    }

    @Test
    void manifestThatIsAFifoRefusesItsHandlerWithoutOpeningIt() throws Exception {
        touch("echo.tcp.7000.port.js", 1);
        Fifos.make(root.resolve("echo.tcp.7000.port.json"));
        Plan plan = assertTimeoutPreemptively(Duration.ofSeconds(10), this::scan, "opening a FIFO would block");
        assertEquals(List.of(), plan.entryPoints());
        assertEquals(List.of("echo.tcp.7000.port.json: the manifest is a FIFO or other special file; a manifest must "
                + "be a regular file (links are not followed); so echo.tcp.7000.port.js is not served; nothing was "
                + "opened"), refusals(plan));
    }

    @Test
    void aFileInsteadOfADirectoryIsAClearError() throws IOException {
        Path file = touch("x.js", 1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PlanScanner.scan(file, Plan.Options.defaults()));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }
}
