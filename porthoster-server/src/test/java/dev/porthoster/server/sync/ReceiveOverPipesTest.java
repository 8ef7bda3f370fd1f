package dev.porthoster.server.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync client and {@code receive} joined by pipes: what is sent, what lands, and what is resumed. */
class ReceiveOverPipesTest {

    @TempDir
    Path root;
    @TempDir
    Path server;

    private Path dir() {
        return server.resolve("srv");
    }

    @Test
    void syncMirrorsTheTreeAndLeavesUnderscoreAndDotPathsBehind() throws Exception {
        Pipes.write(root, "echo.tcp.7000.port.js", "export function handle(c) {}\n", "lib/util.js", "export const x = 1;\n",
                "_drafts/new.tcp.7001.port.js", "x", ".env", "SECRET=1", "lib/.cache/y", "y", "lib/_notes.txt", "n");
        Pipes.Outcome first = Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals(0, first.receiveStatus(), () -> first.toString());
        Report r = first.report().orElseThrow();
        assertEquals(List.of("echo.tcp.7000.port.js", "lib/util.js"), r.added());
        Path current = dir().resolve("current");
        assertEquals("export const x = 1;\n", Files.readString(current.resolve("lib/util.js")));
        assertFalse(Files.exists(current.resolve("_drafts")));
        assertFalse(Files.exists(current.resolve(".env")));
        assertFalse(Files.exists(current.resolve("lib/.cache")));
        assertFalse(Files.exists(current.resolve("lib/_notes.txt")));
        assertEquals("none", r.broker());
        assertEquals("tcp/7000", r.opened().get(0).socket());

        Files.delete(root.resolve("lib/util.js"));
        Pipes.Outcome second = Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals(List.of("lib/util.js"), second.report().orElseThrow().removed());
        assertFalse(Files.exists(current.resolve("lib/util.js")), "a file removed here is removed there: a mirror");
    }

    @Test
    void aLinkToAnUnderscoreOrDotPathDoesNotCarryItsContentToTheServer() throws Exception {
        Pipes.write(root, "echo.tcp.7000.port.js", "export function handle(c) {}\n", ".env", "SECRET=1",
                "_private/key.txt", "KEY");
        Files.createDirectories(root.resolve("lib"));
        Files.createSymbolicLink(root.resolve("lib/config.txt"), Path.of("../.env"));
        Files.createSymbolicLink(root.resolve("key.txt"), Path.of("_private/key.txt"));
        LocalTree tree = LocalTree.scan(root);
        assertEquals(List.of("echo.tcp.7000.port.js"), tree.entries().stream().map(TreeEntry::path).toList());
        assertTrue(tree.refused().stream().anyMatch(r -> r.path().equals("lib/config.txt")
                && r.reason().contains(".env") && r.reason().contains("never leaves")), tree.toString());
        assertTrue(tree.refused().stream().anyMatch(r -> r.path().equals("key.txt")
                && r.reason().contains("_private/key.txt")), tree.toString());
    }

    @Test
    void reSyncOfAnUnchangedThousandFileTreeSendsNoContent() throws Exception {
        for (int i = 0; i < 1000; i++) {
            Pipes.write(root, "data/f" + i + ".txt", "file number " + i + "\n".repeat(i % 7 + 1));
        }
        Pipes.write(root, "echo.tcp.7000.port.js", "export function handle(c) {}\n");
        Pipes.Outcome first = Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals(1001, first.report().orElseThrow().contents());
        Pipes.Outcome again = Pipes.sync(root, dir(), Limits.DEFAULTS);
        Report r = again.report().orElseThrow();
        assertEquals(0, again.contentSent(), "no file content crosses the wire for an unchanged tree");
        assertEquals(0, r.contents());
        assertFalse(r.swapped(), "an unchanged tree is not swapped");
        System.out.printf("1001-file tree: first sync sent %d bytes, unchanged re-sync sent %d bytes (0 of content), "
                + "received %d%n", first.sent(), again.sent(), again.received());
        // the listing alone: path, size and hash per file, about 80 bytes a file here
        assertTrue(again.sent() < 1001 * 100, "the re-sync sent " + again.sent() + " bytes");
    }

    @Test
    void changedFileSendsOnlyItsContentAndIdenticalContentsTravelOnce() throws Exception {
        Pipes.write(root, "a.txt", "same", "b.txt", "same", "c.txt", "one");
        Pipes.Outcome first = Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals(2, first.report().orElseThrow().contents(), "two distinct contents for three files");
        Pipes.write(root, "c.txt", "two!");
        Pipes.Outcome second = Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals(4, second.contentSent());
        assertEquals(List.of("c.txt"), second.report().orElseThrow().changed());
    }

    @Test
    void droppedConnectionResumesWithoutResendingWhatArrived() throws Exception {
        byte[] big = new byte[6 << 20];
        new Random(7).nextBytes(big);
        Files.createDirectories(root.resolve("data"));
        Files.write(root.resolve("data/blob.bin"), big);
        Pipes.write(root, "echo.tcp.7000.port.js", "export function handle(c) {}\n");
        Pipes.Outcome first = Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals(0, first.receiveStatus());
        String served = Files.readString(dir().resolve("current/echo.tcp.7000.port.js"));

        big[0] ^= 1;
        big[big.length - 1] ^= 1;
        Files.write(root.resolve("data/blob.bin"), big);
        Pipes.write(root, "echo.tcp.7000.port.js", "export function handle(c) { c.end('v2'); }\n");
        List<TreeEntry> tree = LocalTree.scan(root).entries();
        Pipes.Outcome cut = Pipes.run(Pipes.request(root, dir(), false, false), tree, dir(), Limits.DEFAULTS, 2 << 20);
        assertTrue(cut.clientFailure().isPresent());
        assertEquals(2, cut.receiveStatus());
        assertEquals(served, Files.readString(dir().resolve("current/echo.tcp.7000.port.js")),
                "a dropped sync leaves the old tree serving");

        Pipes.Outcome resumed = Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals(0, resumed.receiveStatus(), resumed::toString);
        long total = big.length + Files.size(root.resolve("echo.tcp.7000.port.js"));
        System.out.printf("resume: %d content bytes to send; %d went before the cut, %d after it%n", total,
                cut.contentSent(), resumed.contentSent());
        assertTrue(resumed.contentSent() < total - (1 << 20), "resent " + resumed.contentSent() + " of " + total);
        assertTrue(java.util.Arrays.equals(big, Files.readAllBytes(dir().resolve("current/data/blob.bin"))));
    }

    @Test
    void eachSyncKeepsThePreviousTreeAndRollbackServesItAgain() throws Exception {
        Pipes.write(root, "v.txt", "one");
        Pipes.sync(root, dir(), Limits.DEFAULTS);
        String first = Files.readSymbolicLink(dir().resolve("current")).toString();
        Pipes.write(root, "v.txt", "two");
        Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals(first, Files.readSymbolicLink(dir().resolve("previous")).toString());
        assertEquals("two", Files.readString(dir().resolve("current/v.txt")));

        Pipes.Outcome back = Pipes.run(Pipes.request(root, dir(), false, true), List.of(), dir(), Limits.DEFAULTS,
                Long.MAX_VALUE);
        assertEquals(0, back.receiveStatus(), back::toString);
        assertEquals("one", Files.readString(dir().resolve("current/v.txt")));
        assertEquals(List.of("v.txt"), back.report().orElseThrow().changed());
    }

    @Test
    void leftoversOfAKilledSyncNeverReachTheServedTree() throws Exception {
        Pipes.write(root, "v.txt", "one");
        Pipes.sync(root, dir(), Limits.DEFAULTS);
        // what kill -9 can leave at each step: a half-built tree, a link not yet renamed over current
        Files.createDirectories(dir().resolve("releases/0123456789abcdef.partial/lib"));
        Files.writeString(dir().resolve("releases/0123456789abcdef.partial/half.txt"), "ha");
        Files.createSymbolicLink(dir().resolve("current.new"), Path.of("releases/0123456789abcdef.partial"));
        assertEquals("one", Files.readString(dir().resolve("current/v.txt")), "current still names a whole tree");

        Pipes.write(root, "v.txt", "two");
        Pipes.Outcome next = Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals(0, next.receiveStatus());
        assertFalse(Files.exists(dir().resolve("releases/0123456789abcdef.partial")));
        assertFalse(Files.exists(dir().resolve("current.new"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("two", Files.readString(dir().resolve("current/v.txt")));
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        Pipes.write(root, "v.txt", "one");
        Pipes.sync(root, dir(), Limits.DEFAULTS);
        Pipes.write(root, "v.txt", "two", "w.txt", "new");
        Pipes.Outcome dry = Pipes.run(Pipes.request(root, dir(), true, false), LocalTree.scan(root).entries(), dir(),
                Limits.DEFAULTS, Long.MAX_VALUE);
        Report r = dry.report().orElseThrow();
        assertEquals("dry-run", r.broker());
        assertEquals(List.of("w.txt"), r.added());
        assertEquals(List.of("v.txt"), r.changed());
        assertEquals(2, r.contents());
        assertEquals(0, dry.contentSent());
        assertEquals("one", Files.readString(dir().resolve("current/v.txt")));
        assertTrue(Pipes.printed(r).contains("dry run: nothing was changed"));
    }

    @Test
    void syncIntoAFolderHoldingOtherFilesIsRefused() throws Exception {
        Files.createDirectories(dir());
        Files.writeString(dir().resolve("precious.txt"), "mine", StandardCharsets.UTF_8);
        Pipes.write(root, "v.txt", "one");
        Pipes.Outcome o = Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals(2, o.receiveStatus());
        assertTrue(o.clientFailure().orElseThrow().getMessage().contains("already holds files (precious.txt"),
                o.clientFailure().get().getMessage());
        assertEquals(List.of("precious.txt"), Files.list(dir()).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void aSecondSyncAtTheSameTimeIsRefusedWithAClearMessage() throws Exception {
        Pipes.write(root, "v.txt", "one");
        Pipes.sync(root, dir(), Limits.DEFAULTS);
        DeployDir deploy = new DeployDir(dir());
        Pipes.write(root, "v.txt", "two");
        try (AutoCloseable held = deploy.lock()) {
            Pipes.Outcome o = Pipes.sync(root, dir(), Limits.DEFAULTS);
            assertEquals(2, o.receiveStatus());
            assertTrue(o.clientFailure().orElseThrow().getMessage().contains("another sync or rollback of"),
                    o.clientFailure().get().getMessage());
        }
        assertEquals("one", Files.readString(dir().resolve("current/v.txt")));
    }
    @Test
    void aTreeOfManyLongPathsStillGetsItsReport() throws Exception {
        String folder = "d".repeat(200) + "/" + "e".repeat(200) + "/" + "f".repeat(200) + "/";
        for (int i = 0; i < 1500; i++) {
            Pipes.write(root, folder + "file-" + i + "-" + "g".repeat(200) + ".txt", "x" + i);
        }
        Pipes.Outcome o = Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals(0, o.receiveStatus(), o::toString);
        Report r = o.report().orElseThrow();
        assertEquals("... and 500 more", r.added().get(r.added().size() - 1), "over 1 MiB of paths: the list is cut");
        assertEquals(1500, Files.list(dir().resolve("current").resolve(folder)).count());
    }
}
