package dev.porthoster.server.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code receive} against a client that does not play by the rules: every attack ends the session with a message and
 * leaves the served tree as it was.
 */
class HostileClientTest {

    @TempDir
    Path server;

    private Path dir() {
        return server.resolve("srv");
    }

    /** The test as the client: a raw wire to a receiver on another thread. */
    private final class Session implements AutoCloseable {
        final Wire wire;
        final CompletableFuture<Integer> status;
        final PipedOutputStream out;

        Session(Limits limits) throws IOException {
            PipedInputStream toServer = new PipedInputStream(256 * 1024);
            out = new PipedOutputStream(toServer);
            PipedInputStream toClient = new PipedInputStream(256 * 1024);
            PipedOutputStream serverOut = new PipedOutputStream(toClient);
            status = CompletableFuture.supplyAsync(() -> {
                try (serverOut; toServer) {
                    return new Receiver(dir(), limits).run(toServer, serverOut);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Pipes.THREADS);
            wire = new Wire(toClient, out);
            wire.expect(Wire.Type.WELCOME);
        }

        void hello(int version, Wire.Operation op) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(b);
            d.writeShort(version);
            d.writeByte(op.code);
            wire.send(Wire.Type.HELLO, b.toByteArray());
        }

        void entry(String path, long size, byte[] sha) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(b);
            byte[] p = path.getBytes(StandardCharsets.UTF_8);
            d.writeShort(p.length);
            d.write(p);
            d.writeLong(size);
            d.write(sha);
            wire.send(Wire.Type.ENTRY, b.toByteArray());
        }

        void end(int count) throws IOException {
            wire.send(Wire.Type.END_OF_TREE, new byte[] {0, 0, (byte) (count >> 8), (byte) count});
            wire.flush();
        }

        /** The server's error message, once it ended the session. */
        String error() throws Exception {
            wire.flush();
            Wire.PeerError e = assertThrows(Wire.PeerError.class, () -> {
                while (true) {
                    wire.read();
                }
            });
            assertEquals(2, status.get(30, TimeUnit.SECONDS));
            return e.getMessage();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static byte[] sha(String s) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private String refusalOf(String path) throws Exception {
        try (Session s = new Session(Limits.DEFAULTS)) {
            s.hello(Wire.VERSION, Wire.Operation.SYNC);
            s.entry("ok.txt", 2, sha("ok"));
            s.entry(path, 1, sha("x"));
            s.end(2);
            return s.error();
        }
    }

    @Test
    void pathsThatWouldEscapeTheFolderAreRefused() throws Exception {
        assertTrue(refusalOf("../outside.txt").contains("'../outside.txt': a '..' component"));
        assertTrue(refusalOf("lib/../../x").contains("a '..' component"));
        assertTrue(refusalOf("/etc/passwd").contains("an absolute path"));
        assertTrue(refusalOf("lib//x").contains("an empty path component"));
        assertTrue(refusalOf("lib/./x").contains("a '.' component"));
        assertTrue(refusalOf("a\\..\\b").contains("backslash"));
        assertTrue(refusalOf("nul\u0000.txt").contains("control character"));
        assertFalse(Files.exists(dir().resolve("current/ok.txt")));
        assertFalse(Files.exists(server.resolve("outside.txt")));
    }

    @Test
    void namesTheGrammarNeverSyncsAreRefused() throws Exception {
        String why = refusalOf(".ssh/authorized_keys");
        assertTrue(why.contains("'.ssh/authorized_keys': a component starting with '.'"), why);
        assertTrue(refusalOf("lib/_secret.js").contains("starting with '_'"));
        assertTrue(why.endsWith("nothing that is served was changed"), why);
    }

    @Test
    void aFileAndAFolderOfTheSameNameAreRefused() throws Exception {
        assertTrue(refusalOf("ok.txt/inner").contains("'ok.txt': both a file and a folder"));
    }

    @Test
    void treesOverTheServersLimitsAreRefusedBeforeAnyContentIsSent() throws Exception {
        try (Session s = new Session(new Limits(3, 100, 1000))) {
            s.hello(Wire.VERSION, Wire.Operation.SYNC);
            for (int i = 0; i < 4; i++) {
                s.entry("f" + i, 1, sha("x"));
            }
            s.end(4);
            assertTrue(s.error().contains("more than 3 files, this server's limit"));
        }
        try (Session s = new Session(new Limits(3, 100, 1000))) {
            s.hello(Wire.VERSION, Wire.Operation.SYNC);
            s.entry("big.bin", 101, sha("x"));
            s.end(1);
            assertTrue(s.error().contains("'big.bin': 101 bytes, over this server's limit of 100"));
        }
        try (Session s = new Session(new Limits(3, 1000, 1500))) {
            s.hello(Wire.VERSION, Wire.Operation.SYNC);
            s.entry("a", 1000, sha("x"));
            s.entry("b", 1000, sha("y"));
            s.end(2);
            assertTrue(s.error().contains("the tree: 2000 bytes, over this server's limit of 1500"));
        }
        assertFalse(Files.exists(dir().resolve(".porthoster/objects")) && Files.list(dir().resolve(".porthoster/objects"))
                .findAny().isPresent());
    }

    @Test
    void aFrameOverItsBoundEndsTheSessionBeforeItIsRead() throws Exception {
        try (Session s = new Session(Limits.DEFAULTS)) {
            s.hello(Wire.VERSION, Wire.Operation.SYNC);
            DataOutputStream raw = new DataOutputStream(s.out);
            raw.writeByte(Wire.Type.ENTRY.code);
            raw.writeInt(Integer.MAX_VALUE);
            raw.flush();
            String why = s.error();
            assertTrue(why.contains("ENTRY frame of 2147483647 bytes; at most"), why);
        }
    }

    @Test
    void anotherProtocolVersionIsRefusedWithWhatToDo() throws Exception {
        try (Session s = new Session(Limits.DEFAULTS)) {
            s.hello(Wire.VERSION + 1, Wire.Operation.SYNC);
            assertTrue(s.error().contains("install the same porthoster version on both ends"));
        }
    }

    @Test
    void contentThatDoesNotMatchItsHashIsRefused() throws Exception {
        try (Session s = new Session(Limits.DEFAULTS)) {
            s.hello(Wire.VERSION, Wire.Operation.SYNC);
            s.entry("echo.tcp.7000.port.js", 5, sha("hello"));
            s.end(1);
            s.wire.expect(Wire.Type.WANT);
            s.wire.expect(Wire.Type.END_OF_WANTS);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(b);
            d.write(sha("hello"));
            d.writeLong(0);
            s.wire.send(Wire.Type.BLOB, b.toByteArray());
            s.wire.send(Wire.Type.DATA, "evil!".getBytes(StandardCharsets.UTF_8));
            s.wire.send(Wire.Type.COMMIT, new byte[0]);
            String why = s.error();
            assertTrue(why.contains("does not have the SHA-256 it was listed with"), why);
        }
        assertFalse(Files.exists(dir().resolve("current/echo.tcp.7000.port.js")));
    }

    @Test
    void contentRunningPastItsSizeIsRefused() throws Exception {
        try (Session s = new Session(Limits.DEFAULTS)) {
            s.hello(Wire.VERSION, Wire.Operation.SYNC);
            s.entry("a.txt", 2, sha("ab"));
            s.end(1);
            s.wire.expect(Wire.Type.WANT);
            s.wire.expect(Wire.Type.END_OF_WANTS);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(b);
            d.write(sha("ab"));
            d.writeLong(0);
            s.wire.send(Wire.Type.BLOB, b.toByteArray());
            s.wire.send(Wire.Type.DATA, new byte[1000]);
            assertTrue(s.error().contains("runs past its size 2"));
        }
    }

    @Test
    void aClientCannotPlantALinkOrDeviceBecauseTheWireCarriesOnlyFiles() throws Exception {
        // The client side refuses what it cannot send as a plain file; the server never creates anything else.
        Path root = Files.createTempDirectory(server, "root");
        Files.writeString(root.resolve("ok.txt"), "ok");
        Files.createSymbolicLink(root.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(root.resolve("inside.txt"), Path.of("ok.txt"));
        new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start().waitFor();
        LocalTree tree = LocalTree.scan(root);
        assertEquals(List.of("inside.txt", "ok.txt"), tree.entries().stream().map(TreeEntry::path).toList());
        assertTrue(tree.refused().stream().anyMatch(r -> r.path().equals("passwd")
                && r.reason().contains("outside the synced folder")), tree.toString());
        assertTrue(tree.refused().stream().anyMatch(r -> r.path().equals("pipe") && r.reason().contains("FIFO")),
                tree.toString());
        Pipes.Outcome o = Pipes.sync(root, dir(), Limits.DEFAULTS);
        assertEquals(0, o.receiveStatus());
        assertTrue(Files.isRegularFile(dir().resolve("current/inside.txt"), LinkOption.NOFOLLOW_LINKS));
    }
}
