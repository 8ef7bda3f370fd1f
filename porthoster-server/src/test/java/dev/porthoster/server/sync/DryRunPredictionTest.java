package dev.porthoster.server.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code sync --dry-run} says each port would do, predicted on the client from ROOT's plan and files and the
 * file changes the server reported (SyncOverSshTest runs it end to end).
 */
class DryRunPredictionTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    /** The local check of a dry run, with --force (a refused file is synced anyway). */
    private SyncClient.Checked check(Path given) {
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        return new SyncClient(out, out).check(new SyncClient.Request(given, "host", "/srv/porthoster",
                List.of("ssh"), "porthoster", true, true, false, Optional.of("rhino"))).orElseThrow();
    }

    /** The server's answer to a dry run: the file changes, no ports. */
    private static Report serverSays(List<String> added, List<String> changed, List<String> removed) {
        return new Report("/srv/porthoster", "0123456789abcdef", "", false, "dry-run", added, changed, removed,
                added.size() + changed.size(), 100, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void eachPortIsPredictedOpenedReloadedKeptOrClosedEvenForARootGivenAsARelativePath() throws Exception {
        Pipes.write(root, "echo.tcp.7000.port.js", "import { x } from './lib/x.js';\nexport function handle(c) {}\n",
                "lib/x.js", "export const x = 2;\n", "same.tcp.7001.port.js", "export function handle(c) {}\n",
                "new.udp.7002.port.js", "export function message(m, r, ctx) {}\n");
        Path relative = Path.of("").toAbsolutePath().relativize(root); // as typed: sync ./port host
        Report r = Outcomes.predicted(serverSays(List.of("new.udp.7002.port.js"), List.of("lib/x.js"),
                List.of("gone.tcp.7003.port.js")), check(relative), relative);
        assertEquals(List.of(new Report.Port("udp/7002", "new.udp.7002.port.js", List.of())), r.opened());
        assertEquals(List.of(new Report.Port("tcp/7000", "echo.tcp.7000.port.js", List.of("lib/x.js"))), r.reloaded());
        assertEquals(List.of(new Report.Port("tcp/7001", "same.tcp.7001.port.js", List.of())), r.kept());
        assertEquals(List.of(new Report.Port("tcp/7003", "gone.tcp.7003.port.js", List.of())), r.closed());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        r.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("would reload  tcp/7000   echo.tcp.7000.port.js "
                + "(changed: lib/x.js)"), text::toString);
    }

    @Test
    void aRefusedNewVersionIsPredictedToKeepTheOldOneServing() throws Exception {
        Pipes.write(root, "echo.tcp.7000.port.js", "export function handle(c) { oops(\n");
        Report r = Outcomes.predicted(serverSays(List.of(), List.of("echo.tcp.7000.port.js"), List.of()), check(root),
                root);
        assertEquals(List.of(new Report.Port("tcp/7000", "echo.tcp.7000.port.js", List.of())), r.kept());
        assertEquals(List.of(), r.reloaded());
        assertEquals(1, r.refused().size());
        assertEquals(1, r.exitStatus());
    }
}
