package dev.porthoster.server.sync;

import dev.porthoster.core.plan.Plan;
import dev.porthoster.core.plan.PlanScanner;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * {@code porthoster receive DIR}: the server side of a sync, speaking the {@link Wire} protocol on the SSH session's
 * standard input and output. It checks the whole tree listing first (paths, sizes, count), asks only for content its
 * store lacks (resuming a partial one where it stopped), verifies each content's SHA-256 as it lands, builds the new
 * tree beside the served one, swaps it in with one rename, and asks the broker serving DIR, if any, to reconcile.
 * Anything wrong ends the session with an {@link Wire.Type#ERROR} and changes nothing that is served.
 */
final class Receiver {

    /** How many refused paths an error lists before "and N more". */
    private static final int LISTED = 20;

    private final DeployDir deploy;
    private final Limits limits;
    /** Whether {@code current} was swapped in this session: from then on a failure must not say nothing changed. */
    private boolean swapped;

    Receiver(Path dir, Limits limits) {
        this.deploy = new DeployDir(dir);
        this.limits = limits;
    }

    /** Runs one session; returns the process exit status (0 done, 1 done with refusals, 2 failed). */
    int run(InputStream in, OutputStream out) {
        Wire wire = new Wire(in, out);
        try {
            welcome(wire);
            Wire.Operation op = hello(wire);
            Optional<String> unusable = deploy.unusable();
            if (unusable.isPresent()) {
                throw new Refusal(unusable.get());
            }
            deploy.init();
            try (AutoCloseable lock = deploy.lock()) {
                deploy.cleanLeftovers();
                Report report = switch (op) {
                    case ROLLBACK -> rollback();
                    case SYNC, DRY_RUN -> sync(wire, op == Wire.Operation.DRY_RUN);
                };
                wire.sendText(Wire.Type.REPORT, report.fitting(Wire.MAX_FRAME).toJson());
                wire.flush();
                return report.exitStatus();
            }
        } catch (Refusal e) {
            return fail(wire, e.getMessage());
        } catch (Wire.PeerError e) {
            return 2;
        } catch (Exception e) {
            return fail(wire, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private int fail(Wire wire, String message) {
        try {
            wire.sendText(Wire.Type.ERROR, message + (swapped ? "; the new tree is in place, whole"
                    : "; nothing that is served was changed"));
            wire.flush();
        } catch (IOException ignored) {
            // the client is gone; the exit status says it
        }
        System.err.println("porthoster receive: " + message);
        return 2;
    }

    /** A request this server will not carry out, with the reason sent to the client. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }

    private void welcome(Wire wire) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.write(Wire.MAGIC);
        d.writeShort(Wire.VERSION);
        d.writeInt(limits.maxFiles());
        d.writeLong(limits.maxFileBytes());
        d.writeLong(limits.maxTreeBytes());
        wire.send(Wire.Type.WELCOME, bytes.toByteArray());
        wire.flush();
    }

    private static Wire.Operation hello(Wire wire) throws IOException, Refusal {
        DataInputStream d = wire.expect(Wire.Type.HELLO).body();
        int version = d.readUnsignedShort();
        if (version != Wire.VERSION) {
            throw new Refusal("the client speaks sync protocol version " + version + ", this server version "
                    + Wire.VERSION + "; install the same porthoster version on both ends");
        }
        return Wire.Operation.of(d.readUnsignedByte());
    }

    private Report rollback() throws IOException, Refusal {
        if (deploy.release(DeployDir.PREVIOUS).isEmpty()) {
            throw new Refusal("there is no previous tree in " + deploy.dir() + " to roll back to");
        }
        List<TreeEntry> before = deploy.currentTree();
        deploy.rollback();
        swapped = true;
        List<TreeEntry> after = deploy.currentTree();
        return outcome(before, after, true, false, 0, 0);
    }

    private Report sync(Wire wire, boolean dryRun) throws IOException, Refusal {
        List<TreeEntry> tree = readTree(wire);
        List<TreeEntry> before = deploy.currentTree();
        if (dryRun) {
            Map<String, TreeEntry> wanted = missing(tree);
            long bytes = wanted.values().stream().mapToLong(TreeEntry::size).sum();
            return outcome(before, tree, false, true, wanted.size(), bytes);
        }
        Map<String, TreeEntry> wanted = missing(tree);
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (TreeEntry e : wanted.values()) {
            long have = partialSize(e);
            offsets.put(e.hash(), have);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(b);
            d.write(e.sha256());
            d.writeLong(have);
            wire.send(Wire.Type.WANT, b.toByteArray());
        }
        wire.send(Wire.Type.END_OF_WANTS, new byte[0]);
        wire.flush();
        long received = 0;
        Set<String> arrived = new HashSet<>();
        while (true) {
            Wire.Frame f = wire.expect(Wire.Type.BLOB, Wire.Type.COMMIT);
            if (f.type() == Wire.Type.COMMIT) {
                break;
            }
            DataInputStream d = f.body();
            byte[] sha = d.readNBytes(Wire.HASH_BYTES);
            long offset = d.readLong();
            String hash = Wire.hex(sha);
            TreeEntry e = wanted.get(hash);
            if (e == null || arrived.contains(hash)) {
                throw new Wire.ProtocolException("content " + hash + " was not asked for");
            }
            if (offset != offsets.get(hash)) {
                throw new Wire.ProtocolException("content " + hash + " sent from byte " + offset + ", asked from "
                        + offsets.get(hash));
            }
            received += receiveBlob(wire, e, offset);
            arrived.add(hash);
        }
        if (arrived.size() != wanted.size()) {
            throw new Refusal("the client committed with " + (wanted.size() - arrived.size()) + " content(s) missing");
        }
        String id = deploy.build(tree);
        boolean changed = !deploy.release(DeployDir.CURRENT).orElse("").equals(id);
        if (changed) {
            deploy.swapTo(id);
            swapped = true;
        }
        deploy.collect();
        return outcome(before, tree, changed, false, wanted.size(), received);
    }

    /** Reads and checks the client's listing: every path, size and the totals, before any content is asked for. */
    private List<TreeEntry> readTree(Wire wire) throws IOException, Refusal {
        List<TreeEntry> tree = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        List<String> refused = new ArrayList<>();
        long total = 0;
        while (true) {
            Wire.Frame f = wire.expect(Wire.Type.ENTRY, Wire.Type.END_OF_TREE);
            if (f.type() == Wire.Type.END_OF_TREE) {
                int count = f.body().readInt();
                if (count != tree.size()) {
                    throw new Wire.ProtocolException("the tree was said to hold " + count + " files, " + tree.size()
                            + " were listed");
                }
                break;
            }
            if (tree.size() >= limits.maxFiles()) {
                throw new Refusal("the tree holds more than " + limits.maxFiles() + " files, this server's limit "
                        + "(receive --max-files)");
            }
            DataInputStream d = f.body();
            int length = d.readUnsignedShort();
            if (length > Wire.MAX_PATH_BYTES) {
                throw new Wire.ProtocolException("a path of " + length + " bytes");
            }
            String path = Wire.utf8(d.readNBytes(length));
            long size = d.readLong();
            byte[] sha = d.readNBytes(Wire.HASH_BYTES);
            if (sha.length != Wire.HASH_BYTES || size < 0) {
                throw new Wire.ProtocolException("a malformed ENTRY frame");
            }
            Optional<String> why = SyncPaths.refusal(path);
            if (why.isPresent()) {
                refused.add(shown(path) + ": " + why.get());
            } else if (!paths.add(path)) {
                refused.add(shown(path) + ": listed twice");
            } else if (size > limits.maxFileBytes()) {
                refused.add(shown(path) + ": " + size + " bytes, over this server's limit of " + limits.maxFileBytes()
                        + " a file (receive --max-file-bytes)");
            }
            total += size;
            tree.add(new TreeEntry(path, size, sha));
        }
        for (String p : paths) {
            // a file and a folder of the same name cannot both exist
            int slash = p.lastIndexOf('/');
            while (slash > 0) {
                String parent = p.substring(0, slash);
                if (paths.contains(parent)) {
                    refused.add(shown(parent) + ": both a file and a folder");
                }
                slash = parent.lastIndexOf('/');
            }
        }
        if (total > limits.maxTreeBytes()) {
            refused.add("the tree: " + total + " bytes, over this server's limit of " + limits.maxTreeBytes()
                    + " (receive --max-tree-bytes)");
        }
        if (!refused.isEmpty()) {
            List<String> sorted = new ArrayList<>(new TreeSet<>(refused));
            String listed = String.join("; ", sorted.subList(0, Math.min(LISTED, sorted.size())));
            throw new Refusal("refused the tree: " + listed
                    + (sorted.size() > LISTED ? "; and " + (sorted.size() - LISTED) + " more" : ""));
        }
        return tree;
    }

    private static String shown(String path) {
        return "'" + path + "'";
    }

    /** The distinct contents of {@code tree} the store lacks, by hash. */
    private Map<String, TreeEntry> missing(List<TreeEntry> tree) {
        Map<String, TreeEntry> out = new LinkedHashMap<>();
        for (TreeEntry e : tree) {
            if (!out.containsKey(e.hash()) && !deploy.has(e)) {
                out.put(e.hash(), e);
            }
        }
        return out;
    }

    /** What arrived of {@code e} in an earlier, interrupted session. */
    private long partialSize(TreeEntry e) {
        Path part = deploy.partial(e.hash());
        try {
            if (!Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
                return 0;
            }
            long size = Files.size(part);
            if (size > e.size()) {
                Files.delete(part);
                return 0;
            }
            return size;
        } catch (IOException x) {
            return 0;
        }
    }

    /**
     * Appends the content of {@code e} from {@code offset} to its partial file as it arrives, then checks the whole
     * file's SHA-256 and moves it into the store. Returns the bytes received.
     */
    private long receiveBlob(Wire wire, TreeEntry e, long offset) throws IOException, Refusal {
        Path part = deploy.partial(e.hash());
        long remaining = e.size() - offset;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS)) {
            while (remaining > 0) {
                byte[] chunk = wire.expect(Wire.Type.DATA).payload();
                if (chunk.length == 0 || chunk.length > remaining) {
                    throw new Wire.ProtocolException("content " + e.hash() + " runs past its size " + e.size());
                }
                out.write(chunk);
                remaining -= chunk.length;
            }
        }
        if (!Arrays.equals(DeployDir.sha256(part), e.sha256())) {
            Files.delete(part);
            throw new Refusal("the content sent for '" + e.path() + "' does not have the SHA-256 it was listed with "
                    + "(did the file change during the sync? run it again)");
        }
        Files.move(part, deploy.object(e.hash()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return e.size() - offset;
    }

    /**
     * The report: the file changes between {@code before} and {@code after} and, unless this is a dry run, what the
     * broker serving DIR did (its reconcile after a swap, its ports as they are for an unchanged tree), or the plan of
     * the tree when no broker serves DIR.
     */
    private Report outcome(List<TreeEntry> before, List<TreeEntry> after, boolean swapped, boolean dryRun, int contents,
                           long bytes) throws IOException {
        Map<String, TreeEntry> old = new HashMap<>();
        before.forEach(e -> old.put(e.path(), e));
        Map<String, TreeEntry> now = new HashMap<>();
        after.forEach(e -> now.put(e.path(), e));
        List<String> added = after.stream().map(TreeEntry::path).filter(p -> !old.containsKey(p)).sorted().toList();
        List<String> changed = after.stream().filter(e -> old.containsKey(e.path()) && !old.get(e.path()).equals(e))
                .map(TreeEntry::path).sorted().toList();
        List<String> removed = before.stream().map(TreeEntry::path).filter(p -> !now.containsKey(p)).sorted().toList();
        Set<String> touched = new HashSet<>(added);
        touched.addAll(changed);
        touched.addAll(removed);
        String release = DeployDir.treeId(after);
        String previous = deploy.release(DeployDir.PREVIOUS).orElse("");
        if (dryRun) {
            return new Report(deploy.dir().toString(), release, previous, false, "dry-run", added, changed, removed,
                    contents, bytes, List.of(), List.of(), List.of(), List.of(), List.of());
        }
        Optional<JsonNode> status = BrokerLink.ask(deploy.state(), "status");
        if (status.isEmpty()) {
            return planOnly(release, previous, swapped, added, changed, removed, contents, bytes);
        }
        // The release the broker applied last: the tree before this sync, unless a receive was killed between its
        // swap and its request to the broker, which then still serves an older tree (whole) and is told now.
        String applied = status.get().path("release").asString("");
        if (applied.equals(release)) {
            return Outcomes.fromBroker(deploy.dir().toString(), release, previous, swapped, added, changed, removed,
                    contents, bytes, status.get(), touched, deploy.current());
        }
        if (!applied.equals(DeployDir.treeId(before))) {
            touched = changedSince(applied, after);
        }
        Optional<JsonNode> reload = BrokerLink.ask(deploy.state(), "reload");
        if (reload.isEmpty()) {
            return planOnly(release, previous, swapped, added, changed, removed, contents, bytes);
        }
        return Outcomes.fromBroker(deploy.dir().toString(), release, previous, swapped, added, changed, removed,
                contents, bytes, reload.get(), touched, deploy.current());
    }

    /**
     * The paths that differ between {@code release} (the tree a broker still serves) and {@code after}; every path,
     * when that tree is no longer kept.
     */
    private Set<String> changedSince(String release, List<TreeEntry> after) {
        Set<String> touched = new HashSet<>();
        after.forEach(e -> touched.add(e.path()));
        if (!release.matches("[0-9a-f]{16}") || !Files.isDirectory(deploy.releases().resolve(release))) {
            return touched;
        }
        try {
            Map<String, TreeEntry> old = new HashMap<>();
            deploy.tree(release).forEach(e -> old.put(e.path(), e));
            after.forEach(e -> {
                if (e.equals(old.get(e.path()))) {
                    touched.remove(e.path());
                }
            });
            old.keySet().forEach(p -> {
                if (after.stream().noneMatch(e -> e.path().equals(p))) {
                    touched.add(p);
                }
            });
        } catch (IOException e) {
            after.forEach(x -> touched.add(x.path()));
        }
        return touched;
    }

    /** A report from the plan of the served tree alone, when no broker serves DIR. */
    private Report planOnly(String release, String previous, boolean swapped, List<String> added, List<String> changed,
                            List<String> removed, int contents, long bytes) {
        List<Report.Port> opened = new ArrayList<>();
        List<Report.Refusal> refused = new ArrayList<>();
        Plan plan = PlanScanner.scan(deploy.current(), Plan.Options.defaults());
        plan.entryPoints().forEach(e -> opened.add(new Report.Port(e.spec().socketKey(),
                e.file().getFileName().toString(), List.of())));
        plan.refusals().forEach(r -> refused.add(new Report.Refusal(r.file().getFileName().toString(), r.reason()
                + "; nothing is opened for it")));
        return new Report(deploy.dir().toString(), release, previous, swapped, "none", added, changed, removed,
                contents, bytes, opened, List.of(), List.of(), List.of(), refused);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
