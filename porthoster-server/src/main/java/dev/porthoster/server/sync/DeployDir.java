package dev.porthoster.server.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A deploy folder on the server, the one place {@code receive} writes:
 * <pre>
 * DIR/current  -> releases/ID   the tree the broker serves (it serves DIR/current); swapped by one rename
 * DIR/previous -> releases/ID   the tree before it, for rollback
 * DIR/releases/ID/              complete, never-modified trees; ID is the tree's content hash
 * DIR/.porthoster/              state, mode 0700: objects/ (content by SHA-256), incoming/ (partial content),
 *                               trees/ID (each release's listing), lock, broker.sock (the broker's channel)
 * </pre>
 * A new tree is built under {@code releases/ID.partial}, renamed to {@code releases/ID} once complete, and only then
 * does {@code current} change, by renaming a new link over it: a process killed at any moment leaves
 * {@code current} naming a complete tree, old or new.
 */
final class DeployDir {

    static final String CURRENT = "current";
    static final String PREVIOUS = "previous";
    static final String STATE = ".porthoster";
    static final String SOCKET = "broker.sock";

    private final Path dir;

    DeployDir(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    Path current() {
        return dir.resolve(CURRENT);
    }

    Path state() {
        return dir.resolve(STATE);
    }

    Path socket() {
        return state().resolve(SOCKET);
    }

    Path releases() {
        return dir.resolve("releases");
    }

    Path objects() {
        return state().resolve("objects");
    }

    Path incoming() {
        return state().resolve("incoming");
    }

    Path object(String hash) {
        return objects().resolve(hash);
    }

    Path partial(String hash) {
        return incoming().resolve(hash + ".part");
    }

    /** Whether DIR is laid out as a deploy folder (its {@code current} is a link). */
    boolean isDeployFolder() {
        return Files.isSymbolicLink(current());
    }

    /**
     * Why DIR cannot be made a deploy folder, if it cannot: it holds files of its own. A missing or empty folder, or
     * one already laid out, can.
     */
    Optional<String> unusable() {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || isDeployFolder()) {
            return Optional.empty();
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of(dir + " is not a folder");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(STATE)).sorted()
                    .limit(3).toList();
            if (!names.isEmpty()) {
                return Optional.of(dir + " already holds files (" + String.join(", ", names) + ", ...) and is not a "
                        + "deploy folder (it has no '" + CURRENT + "' link); sync to a new or empty folder");
            }
        } catch (IOException e) {
            return Optional.of("cannot list " + dir + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Lays DIR out as a deploy folder serving an empty tree, unless it already is one. */
    void init() throws IOException {
        Files.createDirectories(dir);
        createPrivate(state());
        Files.createDirectories(objects());
        Files.createDirectories(incoming());
        Files.createDirectories(state().resolve("trees"));
        Files.createDirectories(releases());
        if (!isDeployFolder()) {
            String empty = build(List.of());
            point(CURRENT, empty);
        }
    }

    /** Creates {@code path} as a folder only its owner can enter, or makes it so. */
    static void createPrivate(Path path) throws IOException {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(path);
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
    }

    /** The release {@code name} (CURRENT or PREVIOUS) points at. */
    Optional<String> release(String name) {
        try {
            return Optional.of(Files.readSymbolicLink(dir.resolve(name)).getFileName().toString());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Taken while one sync or rollback changes DIR; a second one is refused, never interleaved. */
    AutoCloseable lock() throws IOException {
        createPrivate(state());
        FileChannel channel = FileChannel.open(state().resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another sync or rollback of " + dir + " is running; try again when it "
                    + "has finished");
        }
        FileLock held = lock;
        return () -> {
            held.release();
            channel.close();
        };
    }

    /** Removes what a killed sync left: half-built trees and links never renamed into place. */
    void cleanLeftovers() throws IOException {
        if (Files.isDirectory(releases())) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(releases(), "*.partial")) {
                for (Path p : s) {
                    deleteTree(p);
                }
            }
        }
        Files.deleteIfExists(dir.resolve(CURRENT + ".new"));
        Files.deleteIfExists(dir.resolve(PREVIOUS + ".new"));
    }

    /** The listing of {@code release}, from the state kept when it was built (or by reading it, for an older one). */
    List<TreeEntry> tree(String release) throws IOException {
        Path listing = state().resolve("trees").resolve(release);
        if (Files.isRegularFile(listing)) {
            List<TreeEntry> out = new ArrayList<>();
            for (String line : Files.readAllLines(listing, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    out.add(TreeEntry.parseLine(line));
                }
            }
            return out;
        }
        return LocalTree.scan(releases().resolve(release)).entries();
    }

    /** The tree {@code current} serves, empty when there is none. */
    List<TreeEntry> currentTree() throws IOException {
        Optional<String> r = release(CURRENT);
        return r.isPresent() ? tree(r.get()) : List.of();
    }

    /** The content hash of a tree: its release ID. */
    static String treeId(List<TreeEntry> tree) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            tree.stream().sorted(Comparator.comparing(TreeEntry::path))
                    .forEach(e -> md.update((e.line() + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Builds the release of {@code tree} from the object store (every object must be there), unless it exists, and
     * returns its ID. The tree appears under its final name only once complete.
     */
    String build(List<TreeEntry> tree) throws IOException {
        String id = treeId(tree);
        Path done = releases().resolve(id);
        if (Files.isDirectory(done, LinkOption.NOFOLLOW_LINKS)) {
            return id;
        }
        Path partial = releases().resolve(id + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        for (TreeEntry e : tree) {
            Path target = partial.resolve(e.path());
            if (!target.normalize().startsWith(partial)) {
                throw new IOException(e.path() + " leads outside the tree");
            }
            Files.createDirectories(target.getParent());
            Files.copy(object(e.hash()), target);
        }
        StringBuilder listing = new StringBuilder();
        tree.stream().sorted(Comparator.comparing(TreeEntry::path)).forEach(e -> listing.append(e.line()).append('\n'));
        Path trees = state().resolve("trees");
        Files.createDirectories(trees);
        Path tmp = trees.resolve(id + ".tmp");
        Files.writeString(tmp, listing, StandardCharsets.UTF_8);
        Files.move(tmp, trees.resolve(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
        return id;
    }

    /** Points {@code name} at {@code releases/release} by renaming a new link over it: one atomic step. */
    void point(String name, String release) throws IOException {
        Path link = dir.resolve(name + ".new");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("releases", release));
        Files.move(link, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Serves {@code release}: the tree served so far becomes {@code previous}. */
    void swapTo(String release) throws IOException {
        Optional<String> old = release(CURRENT);
        if (old.isPresent() && !old.get().equals(release)) {
            point(PREVIOUS, old.get());
        }
        point(CURRENT, release);
    }

    /** Serves the previous tree again; the one served until now becomes {@code previous}. */
    void rollback() throws IOException {
        String back = release(PREVIOUS).orElseThrow(() -> new IOException("there is no previous tree in " + dir
                + " to roll back to"));
        String now = release(CURRENT).orElseThrow();
        point(CURRENT, back);
        point(PREVIOUS, now);
    }

    /**
     * Deletes every release but {@code current} and {@code previous}, and every object and partial content neither
     * uses. Runs after a swap, under the lock.
     */
    void collect() throws IOException {
        Set<String> keep = new HashSet<>();
        release(CURRENT).ifPresent(keep::add);
        release(PREVIOUS).ifPresent(keep::add);
        Set<String> hashes = new HashSet<>();
        for (String r : keep) {
            tree(r).forEach(e -> hashes.add(e.hash()));
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(releases())) {
            for (Path p : s) {
                if (!keep.contains(p.getFileName().toString())) {
                    deleteTree(p);
                    Files.deleteIfExists(state().resolve("trees").resolve(p.getFileName().toString()));
                }
            }
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(objects())) {
            for (Path p : s) {
                if (!hashes.contains(p.getFileName().toString())) {
                    Files.deleteIfExists(p);
                }
            }
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(incoming())) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Whether the object store holds {@code entry}'s content, whole. */
    boolean has(TreeEntry entry) {
        try {
            return Files.size(object(entry.hash())) == entry.size();
        } catch (IOException e) {
            return false;
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The SHA-256 of a file's content. */
    static byte[] sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e.getMessage(), e);
    }
}
