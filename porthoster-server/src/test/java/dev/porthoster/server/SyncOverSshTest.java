package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code porthoster sync} as a new user runs it, against a real OpenSSH server this test starts on a loopback port
 * (throwaway host and user keys), with {@code porthoster serve DIR} in a process of its own and {@code receive} run by
 * sshd through a launcher of the reactor-built server. Skipped, with the reason, where sshd is not installed.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SyncOverSshTest {

    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    static Path keys;
    @TempDir
    Path work;

    private static Process sshd;
    private static int sshPort;
    private static String ssh;
    private static Path launcher;

    @BeforeAll
    static void startSshd() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh"))
                        && Files.isExecutable(Path.of("/usr/bin/ssh-keygen")),
                "SyncOverSshTest needs OpenSSH (sshd, ssh, ssh-keygen): apt-get install openssh-server openssh-client; "
                        + ".ci/run installs them");
        run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("host_key").toString());
        run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("user_key").toString());
        Files.copy(keys.resolve("user_key.pub"), keys.resolve("authorized_keys"));
        // sshd insists on its privilege separation folder
        Files.createDirectories(Path.of("/run/sshd"));
        sshPort = FreePorts.next();
        Files.writeString(keys.resolve("sshd_config"), String.join("\n",
                "Port " + sshPort, "ListenAddress 127.0.0.1", "HostKey " + keys.resolve("host_key"),
                "AuthorizedKeysFile " + keys.resolve("authorized_keys"), "PidFile " + keys.resolve("sshd.pid"),
                "StrictModes no", "UsePAM no", "PermitRootLogin yes", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PubkeyAuthentication yes", "AllowTcpForwarding no",
                "X11Forwarding no", "PrintMotd no", "LogLevel ERROR", ""));
        sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", keys.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(keys.resolve("sshd.log").toFile()).start();
        Await.until(() -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), sshPort)) {
                return true;
            } catch (IOException e) {
                return !sshd.isAlive();
            }
        }, 30, () -> "sshd on " + sshPort);
        assertTrue(sshd.isAlive(), () -> "sshd did not start: " + read(keys.resolve("sshd.log")));
        ssh = "ssh -p " + sshPort + " -i " + keys.resolve("user_key") + " -o StrictHostKeyChecking=no"
                + " -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR";
        // What --porthoster-path names on the "server": the reactor-built server, as ./porthoster starts it.
        launcher = keys.resolve("porthoster");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + JAVA + "' -XX:+ExitOnOutOfMemoryError "
                + "-Dpolyglot.engine.WarnInterpreterOnly=false --add-modules ALL-MODULE-PATH --module-path '"
                + System.getProperty("jdk.module.path") + "' -m dev.porthoster.server/dev.porthoster.server.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void stopSshd() throws InterruptedException {
        if (sshd != null) {
            sshd.destroy();
            if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
                sshd.destroyForcibly();
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> String.join(" ", command) + ": " + out);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** What one {@code porthoster} command printed, and its exit status. */
    private record Result(int status, String out, String err) {
        /** The {@code wire:} line's figures: bytes sent, of them content, received. */
        long[] wire() {
            Matcher m = Pattern.compile("wire: (\\d+) bytes sent \\((\\d+) of file content\\), (\\d+) received").matcher(out);
            assertTrue(m.find(), out);
            return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
        }

        @Override
        public String toString() {
            return "exit " + status + "\n" + out + err;
        }
    }

    private static Result porthoster(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Result sync(Path root, Path dir, String... more) {
        return syncVia(ssh, root, dir, more);
    }

    private static Result syncVia(String sshCommand, Path root, Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("sync", root.toString(),
                System.getProperty("user.name") + "@127.0.0.1:" + dir, "--ssh", sshCommand, "--porthoster-path",
                launcher.toString()));
        args.addAll(List.of(more));
        return porthoster(args.toArray(String[]::new));
    }

    private static String ask(int port) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static void write(Path root, String path, String content) throws IOException {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), content);
    }

    @Test
    void aFolderSyncedOverSshIsServedAndEveryChangeIsReportedPortByPort() throws Exception {
        Path root = Files.createDirectories(work.resolve("port"));
        Path dir = work.resolve("srv");
        Files.createDirectories(dir);
        int p1 = FreePorts.next();
        int p2 = FreePorts.next();
        String echo = "echo.tcp." + p1 + ".port.js";
        String other = "other.tcp." + p2 + ".port.js";
        write(root, echo, "import { greeting } from './lib/greeting.js';\n"
                + "export function handle(conn) { conn.end(greeting + '\\n'); }\n");
        write(root, "lib/greeting.js", "export const greeting = 'hello v1';\n");
        write(root, other, "export function handle(conn) { conn.end('other\\n'); }\n");
        write(root, "_drafts/wip.tcp.1.port.js", "not for the server");
        write(root, ".env", "SECRET=1");

        try (ServerProcess broker = ServerProcess.start(List.of(), "serve", dir.toString(), "--bind", "127.0.0.1",
                "--engine", "rhino")) {
            // a deploy folder changes only by sync: the broker follows its channel, not the files (whose trees a
            // sync deletes once they are neither current nor previous)
            assertTrue(broker.output().contains("Following syncs to " + dir), broker::output);
            assertFalse(broker.output().contains("Watching " + dir), broker::output);
            Result first = sync(root, dir);
            assertEquals(0, first.status(), first::toString);
            assertTrue(first.out().contains("opened    tcp/" + p1 + "  " + echo), first::toString);
            assertTrue(first.out().contains("opened    tcp/" + p2 + "  " + other), first::toString);
            assertEquals("hello v1", ask(p1));
            assertFalse(Files.exists(dir.resolve("current/_drafts")), "'_' paths stay on the client");
            assertFalse(Files.exists(dir.resolve("current/.env")), "'.' paths stay on the client");

            write(root, "lib/greeting.js", "export const greeting = 'hello v2';\n");
            Result dry = sync(root, dir, "--dry-run");
            assertEquals(0, dry.status(), dry::toString);
            assertTrue(dry.out().contains("1 content to send"), dry::toString);
            assertTrue(dry.out().contains("would reload  tcp/" + p1 + "  " + echo + " (changed: lib/greeting.js)"),
                    dry::toString);
            assertTrue(dry.out().contains("would keep    tcp/" + p2 + "  " + other), dry::toString);
            assertTrue(dry.out().contains("dry run: nothing was changed on the server"), dry::toString);
            assertEquals("hello v1", ask(p1), "a dry run changes nothing");
            Result changed = sync(root, dir);
            assertEquals(0, changed.status(), changed::toString);
            assertTrue(changed.out().contains("reloaded  tcp/" + p1 + "  " + echo + " (changed: lib/greeting.js)"),
                    changed::toString);
            assertTrue(changed.out().contains("kept      tcp/" + p2), changed::toString);
            assertEquals("hello v2", ask(p1));

            Files.delete(root.resolve(other));
            Result dryRemoval = sync(root, dir, "--dry-run");
            assertTrue(dryRemoval.out().contains("would close   tcp/" + p2 + "  " + other), dryRemoval::toString);
            Result removed = sync(root, dir);
            assertEquals(0, removed.status(), removed::toString);
            assertTrue(removed.out().contains("closed    tcp/" + p2 + "  " + other), removed::toString);

            write(root, echo.replace(".js", ".json"), "{ \"allow\": 5 }\n");
            Result stopped = sync(root, dir);
            assertEquals(1, stopped.status(), stopped::toString);
            assertTrue(stopped.out().contains("nothing was sent"), stopped::toString);
            Result forced = sync(root, dir, "--force");
            assertEquals(1, forced.status(), forced::toString);
            assertTrue(forced.out().contains("refused   " + echo.replace(".js", ".json") + ":1: allow"),
                    forced::toString);
            assertEquals("hello v2", ask(p1), "the old version keeps serving");

            Result back = porthoster("sync", "--rollback", System.getProperty("user.name") + "@127.0.0.1:" + dir,
                    "--ssh", ssh, "--porthoster-path", launcher.toString());
            assertEquals(0, back.status(), back::toString);
            assertTrue(back.out().contains("- " + echo.replace(".js", ".json")), back::toString);
            assertEquals("hello v2", ask(p1));

            Result status = porthoster("status", dir.toString());
            assertEquals(0, status.status(), status::toString);
            assertTrue(status.out().contains("tcp/" + p1), status::toString);
            System.out.println("sync over ssh, first push: " + first.out() + "\nrollback: " + back.out());
            assertTrue(broker.process().isAlive());
        }
    }

    @Test
    void reSyncOfAnUnchangedThousandFileTreeSendsNoContent() throws Exception {
        Path root = Files.createDirectories(work.resolve("many"));
        for (int i = 0; i < 1000; i++) {
            write(root, "data/d" + (i % 10) + "/f" + i + ".txt", "content of file " + i + "\n");
        }
        Path dir = work.resolve("srv-many");
        Result first = sync(root, dir);
        assertEquals(0, first.status(), first::toString);
        Result again = sync(root, dir);
        assertEquals(0, again.status(), again::toString);
        long[] w1 = first.wire();
        long[] w2 = again.wire();
        System.out.printf("1,000 files over ssh: first sync %d bytes sent (%d of content); unchanged re-sync %d bytes "
                + "sent (%d of content), %d received%n", w1[0], w1[1], w2[0], w2[1], w2[2]);
        assertEquals(0, w2[1], "no file content crosses the wire for an unchanged tree");
        assertTrue(again.out().contains("0 contents sent"), again::toString);
    }

    @Test
    void aTransferCutMidwayLeavesTheOldTreeAndResumesWithoutResending() throws Exception {
        Path root = Files.createDirectories(work.resolve("big"));
        write(root, "v.txt", "one");
        Path dir = work.resolve("srv-big");
        assertEquals(0, sync(root, dir).status());

        byte[] blob = new byte[8 << 20];
        new Random(13).nextBytes(blob);
        Files.write(root.resolve("blob.bin"), blob);
        write(root, "v.txt", "two");
        // stands in for a connection that drops: the client's bytes stop after 3 MiB and the session ends
        Path cut = keys.resolve("cut-ssh");
        // (dd passes each read on at once; GNU head -c holds a partial buffer back)
        Files.writeString(cut, "#!/bin/sh\nn=$1; shift\ndd bs=65536 count=\"$n\" iflag=count_bytes status=none | \"$@\"\n");
        Result cutShort = syncVia("sh " + cut + " " + (3 << 20) + " " + ssh, root, dir);
        assertEquals(2, cutShort.status(), cutShort::toString);
        assertTrue(cutShort.err().contains("nothing that is served was changed"), cutShort::toString);
        assertEquals("one", Files.readString(dir.resolve("current/v.txt")), "the old tree still serves");
        assertFalse(Files.exists(dir.resolve("current/blob.bin")));

        Result resumed = sync(root, dir);
        assertEquals(0, resumed.status(), resumed::toString);
        long[] w = resumed.wire();
        System.out.printf("cut after %d bytes; the resumed sync sent %d bytes of content for a %d-byte file%n",
                3 << 20, w[1], blob.length);
        assertTrue(w[1] < blob.length - (2 << 20), "resent " + w[1] + " bytes of " + blob.length);
        assertArrayEquals(blob, Files.readAllBytes(dir.resolve("current/blob.bin")));
        assertEquals("two", Files.readString(dir.resolve("current/v.txt")));
    }
    @Test
    void killingTheServerSideMidTransferLeavesTheOldTreeServedAndTheNextSyncCompletesIt() throws Exception {
        Path root = Files.createDirectories(work.resolve("killed"));
        write(root, "v.txt", "one");
        Path dir = work.resolve("srv-killed");
        assertEquals(0, sync(root, dir).status());

        byte[] blob = new byte[48 << 20];
        new Random(17).nextBytes(blob);
        Files.write(root.resolve("blob.bin"), blob);
        write(root, "v.txt", "two");
        java.util.concurrent.CompletableFuture<Result> running = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().start(() -> running.complete(sync(root, dir)));
        Path incoming = dir.resolve(".porthoster/incoming");
        Await.until(() -> {
            try (var parts = Files.list(incoming)) {
                return parts.anyMatch(p -> p.toFile().length() > (1 << 20)) || running.isDone();
            } catch (IOException e) {
                return false;
            }
        }, 120, () -> "content arriving in " + incoming);
        List<ProcessHandle> receivers = ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(" receive ") && c.contains(dir.toString()))
                        .orElse(false))
                .toList();
        assertFalse(receivers.isEmpty(), "the receive process, mid-transfer");
        receivers.forEach(ProcessHandle::destroyForcibly); // SIGKILL
        Result killed = running.get(120, TimeUnit.SECONDS);
        assertEquals(2, killed.status(), killed::toString);
        assertEquals("one", Files.readString(dir.resolve("current/v.txt")), "the old tree still serves, whole");
        assertFalse(Files.exists(dir.resolve("current/blob.bin")));

        Result next = sync(root, dir);
        assertEquals(0, next.status(), next::toString);
        System.out.printf("receive killed mid-transfer; the next sync sent %d bytes of content for a %d-byte file%n",
                next.wire()[1], blob.length);
        assertTrue(next.wire()[1] < blob.length, "what arrived before the kill is not sent again");
        assertArrayEquals(blob, Files.readAllBytes(dir.resolve("current/blob.bin")));
        assertEquals("two", Files.readString(dir.resolve("current/v.txt")));
    }
}
