package dev.porthoster.server.sync;

import dev.porthoster.core.HandlerCheck;
import dev.porthoster.core.plan.Plan;
import dev.porthoster.core.plan.PlanScanner;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code porthoster sync ROOT [user@]host[:DIR]}: checks ROOT, starts {@code porthoster receive DIR} on the server
 * through the user's own {@code ssh}, sends the tree listing, then only the content the server asks for, and prints
 * the server's report. Nothing is kept on this side between runs.
 */
final class SyncClient {

    /** A parsed {@code sync} command line. */
    record Request(Path root, String host, String dir, List<String> ssh, String porthosterPath, boolean dryRun,
                   boolean force, boolean rollback, Optional<String> engine) { }

    /** Bytes that crossed the SSH session, both ways, and of them file content sent. */
    record Traffic(long sent, long received, long contentSent) { }

    private final PrintStream out;
    private final PrintStream err;
    private Traffic traffic = new Traffic(0, 0, 0);

    SyncClient(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    Traffic traffic() {
        return traffic;
    }

    /** What the local check found: the files to send, the plan of ROOT and the files it refused. */
    record Checked(List<TreeEntry> tree, Plan plan, List<Plan.Refusal> refusals) { }

    int run(Request r) {
        List<TreeEntry> tree = List.of();
        Optional<Checked> checked = Optional.empty();
        if (!r.rollback()) {
            checked = check(r);
            if (checked.isEmpty()) {
                return 1;
            }
            tree = checked.get().tree();
        }
        List<String> command = new ArrayList<>(r.ssh());
        command.add(r.host());
        command.add(r.porthosterPath() + " receive " + quote(r.dir()));
        Process ssh;
        try {
            ssh = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            err.println("porthoster sync: cannot start " + String.join(" ", r.ssh()) + ": " + e.getMessage()
                    + "; give the ssh command with --ssh");
            return 2;
        }
        Counting.In in = new Counting.In(ssh.getInputStream());
        Counting.Out o = new Counting.Out(ssh.getOutputStream());
        Session session = new Session(in, o, r, tree);
        int status = 2;
        try {
            Report report = session.run();
            if (r.dryRun() && checked.isPresent()) {
                report = Outcomes.predicted(report, checked.get(), r.root());
            }
            out.println("porthoster sync" + (r.rollback() ? " --rollback: " : ": " + r.root() + " -> ") + r.host() + ":"
                    + r.dir() + " (release " + report.release() + ")");
            report.print(out);
            status = report.exitStatus();
        } catch (Wire.PeerError e) {
            err.println("porthoster sync: the server refused: " + e.getMessage());
        } catch (IOException e) {
            if (in.count == 0) {
                err.println("porthoster sync: " + noAnswer(ssh, r) + "; nothing was changed on the server");
            } else {
                err.println("porthoster sync: " + e.getMessage() + (session.committed
                        ? "; the connection ended after the tree was complete: the server serves either the old tree "
                        + "or the new one, whole. Run the sync again to see which"
                        : "; nothing that is served was changed. Run the sync again: content that arrived is not sent "
                        + "again"));
            }
        } finally {
            finish(ssh);
        }
        traffic = new Traffic(o.count, in.count, session.contentSent);
        out.printf("wire: %d bytes sent (%d of file content), %d received%n", o.count, session.contentSent, in.count);
        return status;
    }

    /** Ends the session: closes ssh's input and waits for it to exit, at most 30 seconds. */
    private static void finish(Process ssh) {
        try {
            ssh.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!ssh.waitFor(30, TimeUnit.SECONDS)) {
                ssh.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ssh.destroyForcibly();
        }
    }

    /**
     * Why the session ended before {@code receive} said a word: ssh's exit status says whether ssh itself failed
     * (255), the remote shell found no such program (127) or could not run it (126).
     */
    private static String noAnswer(Process ssh, Request r) {
        int status;
        try {
            ssh.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!ssh.waitFor(10, TimeUnit.SECONDS)) {
                return "the server side did not answer as 'porthoster receive' does; check --ssh and --porthoster-path";
            }
            status = ssh.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        String program = "'" + r.porthosterPath() + "'";
        return "the session ended before 'porthoster receive' answered (" + r.ssh().get(0) + " exited with "
                + status + switch (status) {
                    case 255 -> ": ssh could not connect or log in, see its message above; check the host and --ssh)";
                    case 127 -> ": the server's shell found no " + program + "; install porthoster on the server's PATH "
                            + "(docs/deploy.md) or give its path with --porthoster-path)";
                    case 126 -> ": the server's shell could not run " + program + "; check that it is executable)";
                    default -> "; its messages are above; check --porthoster-path, now " + program + ")";
                };
    }

    /** The tree to send, or empty when ROOT has refusals and --force was not given (they are printed). */
    Optional<Checked> check(Request r) {
        LocalTree local;
        try {
            local = LocalTree.scan(r.root());
        } catch (IOException e) {
            err.println("porthoster sync: cannot read " + r.root() + ": " + e.getMessage());
            return Optional.empty();
        }
        Plan plan = PlanScanner.scan(r.root(), Plan.Options.defaults());
        List<Plan.Refusal> loads = HandlerCheck.loadEach(plan, r.engine());
        List<String> problems = new ArrayList<>();
        local.refused().forEach(x -> problems.add(x.path() + ": " + x.reason()));
        plan.refusals().forEach(x -> problems.add(x.message()));
        loads.forEach(x -> problems.add(x.message()));
        out.printf("check: %d entry point%s, %d file%s to mirror, %d left behind (_ or .)%n", plan.entryPoints().size(),
                plan.entryPoints().size() == 1 ? "" : "s", local.entries().size(), local.entries().size() == 1 ? "" : "s",
                local.ignored());
        if (!problems.isEmpty()) {
            problems.forEach(p -> out.println("  refused  " + p));
            if (!r.force()) {
                out.println("porthoster sync: nothing was sent: fix the files above, or sync them anyway with --force "
                        + "(a refused handler opens nothing; a refused new version leaves the old one serving)");
                return Optional.empty();
            }
            out.println("  --force: syncing anyway");
        }
        List<Plan.Refusal> refusals = new ArrayList<>(plan.refusals());
        refusals.addAll(loads);
        return Optional.of(new Checked(local.entries(), plan, List.copyOf(refusals)));
    }

    /**
     * One conversation with {@code receive} over {@code in} and {@code out} (the SSH session, or in tests a pipe):
     * {@code tree} is sent for a sync, nothing for a rollback.
     */
    static final class Session {
        final Wire wire;
        final Request request;
        final List<TreeEntry> tree;
        long contentSent;
        boolean committed;

        Session(InputStream in, OutputStream out, Request request, List<TreeEntry> tree) {
            this.wire = new Wire(in, new java.io.BufferedOutputStream(out, 64 * 1024));
            this.request = request;
            this.tree = tree;
        }

        Report run() throws IOException {
            welcome();
            ByteArrayOutputStream hello = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(hello);
            h.writeShort(Wire.VERSION);
            h.writeByte((request.rollback() ? Wire.Operation.ROLLBACK : request.dryRun() ? Wire.Operation.DRY_RUN
                    : Wire.Operation.SYNC).code);
            wire.send(Wire.Type.HELLO, hello.toByteArray());
            if (!request.rollback()) {
                for (TreeEntry e : tree) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    DataOutputStream d = new DataOutputStream(b);
                    byte[] path = e.path().getBytes(StandardCharsets.UTF_8);
                    d.writeShort(path.length);
                    d.write(path);
                    d.writeLong(e.size());
                    d.write(e.sha256());
                    wire.send(Wire.Type.ENTRY, b.toByteArray());
                }
                wire.send(Wire.Type.END_OF_TREE, new byte[] {(byte) (tree.size() >>> 24), (byte) (tree.size() >>> 16),
                        (byte) (tree.size() >>> 8), (byte) tree.size()});
                wire.flush();
                if (!request.dryRun()) {
                    sendWanted();
                }
            }
            wire.flush();
            return Report.fromJson(wire.expect(Wire.Type.REPORT).text());
        }

        private void welcome() throws IOException {
            Wire.Frame f;
            try {
                f = wire.expect(Wire.Type.WELCOME);
            } catch (Wire.ProtocolException e) {
                throw new IOException("the server did not answer as porthoster receive does (" + e.getMessage()
                        + "); check --porthoster-path, and that the login shell prints nothing on standard output");
            }
            DataInputStream d = f.body();
            byte[] magic = d.readNBytes(Wire.MAGIC.length);
            if (!Arrays.equals(magic, Wire.MAGIC)) {
                throw new IOException("the server did not answer as porthoster receive does");
            }
            int version = d.readUnsignedShort();
            if (version != Wire.VERSION) {
                throw new IOException("the server speaks sync protocol version " + version + ", this client version "
                        + Wire.VERSION + "; install the same porthoster version on both ends");
            }
        }

        private void sendWanted() throws IOException {
            Map<String, TreeEntry> byHash = new HashMap<>();
            tree.forEach(e -> byHash.putIfAbsent(e.hash(), e));
            List<long[]> order = new ArrayList<>();
            List<TreeEntry> wanted = new ArrayList<>();
            while (true) {
                Wire.Frame f = wire.expect(Wire.Type.WANT, Wire.Type.END_OF_WANTS);
                if (f.type() == Wire.Type.END_OF_WANTS) {
                    break;
                }
                DataInputStream d = f.body();
                String hash = Wire.hex(d.readNBytes(Wire.HASH_BYTES));
                long offset = d.readLong();
                TreeEntry e = byHash.get(hash);
                if (e == null || offset < 0 || offset > e.size() || wanted.size() >= tree.size()) {
                    throw new Wire.ProtocolException("the server asked for content that is not in the tree");
                }
                wanted.add(e);
                order.add(new long[] {offset});
            }
            for (int i = 0; i < wanted.size(); i++) {
                send(wanted.get(i), order.get(i)[0]);
            }
            wire.send(Wire.Type.COMMIT, new byte[0]);
            committed = true;
        }

        private void send(TreeEntry e, long offset) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(b);
            d.write(e.sha256());
            d.writeLong(offset);
            wire.send(Wire.Type.BLOB, b.toByteArray());
            byte[] chunk = new byte[Wire.CHUNK];
            try (RandomAccessFile file = new RandomAccessFile(request.root().resolve(e.path()).toFile(), "r")) {
                file.seek(offset);
                long remaining = e.size() - offset;
                while (remaining > 0) {
                    int n = file.read(chunk, 0, (int) Math.min(chunk.length, remaining));
                    if (n < 0) {
                        throw new IOException(e.path() + " became shorter during the sync; run it again");
                    }
                    wire.send(Wire.Type.DATA, chunk, 0, n);
                    remaining -= n;
                    contentSent += n;
                }
            }
        }
    }

    /** Quotes {@code s} for the remote POSIX shell. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Streams that count the bytes through them: what crossed the wire. */
    static final class Counting {
        private Counting() {
        }

        static final class In extends FilterInputStream {
            long count;

            In(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count++;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count += n;
                }
                return n;
            }
        }

        static final class Out extends FilterOutputStream {
            long count;

            Out(OutputStream out) {
                super(out);
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                count++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                count += len;
            }
        }
    }

}
