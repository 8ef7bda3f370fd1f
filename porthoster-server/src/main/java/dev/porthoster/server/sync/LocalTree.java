package dev.porthoster.server.sync;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The files of a folder that sync mirrors: every regular file whose path has no component starting with {@code _} or
 * {@code .}. A link is followed when it leads to a regular file inside the folder (its content is sent as a file);
 * a link leading outside, to a folder, nowhere, or to a path with a {@code _} or {@code .} component (whose content
 * must not leave under another name), and any FIFO, socket or device, is refused with the reason, since the server
 * only ever receives plain files.
 *
 * @param entries  the files to send, by path
 * @param refused  what cannot be sent: path and reason
 * @param ignored  how many paths were left behind for a leading {@code _} or {@code .}
 */
record LocalTree(List<TreeEntry> entries, List<Refused> refused, int ignored) {

    /** A path that cannot be sent, and why. */
    record Refused(String path, String reason) { }

    static LocalTree scan(Path root) throws IOException {
        Path top = root.toAbsolutePath().normalize();
        Path realTop = top.toRealPath();
        List<TreeEntry> entries = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        int[] ignored = {0};
        Files.walkFileTree(top, EnumSet.noneOf(FileVisitOption.class), SyncPaths.MAX_DEPTH + 1, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (!d.equals(top) && SyncPaths.ignored(d.getFileName().toString())) {
                    ignored[0]++;
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = relative(top, file);
                if (SyncPaths.ignored(file.getFileName().toString())) {
                    ignored[0]++;
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isDirectory()) {
                    refused.add(new Refused(rel, "more than " + SyncPaths.MAX_DEPTH + " folders deep"));
                    return FileVisitResult.CONTINUE;
                }
                Path source = file;
                if (attrs.isSymbolicLink()) {
                    Path real;
                    try {
                        real = file.toRealPath();
                    } catch (IOException e) {
                        refused.add(new Refused(rel, "a symbolic link that leads nowhere"));
                        return FileVisitResult.CONTINUE;
                    }
                    if (!real.startsWith(realTop)) {
                        refused.add(new Refused(rel, "a symbolic link to " + real + ", outside the synced folder"));
                        return FileVisitResult.CONTINUE;
                    }
                    String target = relative(realTop, real);
                    if (java.util.Arrays.stream(target.split("/")).anyMatch(SyncPaths::ignored)) {
                        refused.add(new Refused(rel, "a symbolic link to " + target + ", a path with a component "
                                + "starting with '_' or '.', which never leaves your machine"));
                        return FileVisitResult.CONTINUE;
                    }
                    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                        refused.add(new Refused(rel, "a symbolic link to something other than a file; sync sends "
                                + "files only"));
                        return FileVisitResult.CONTINUE;
                    }
                    source = real;
                } else if (!attrs.isRegularFile()) {
                    refused.add(new Refused(rel, "a FIFO, socket or device; sync sends regular files only"));
                    return FileVisitResult.CONTINUE;
                }
                var why = SyncPaths.refusal(rel);
                if (why.isPresent()) {
                    refused.add(new Refused(rel, why.get()));
                    return FileVisitResult.CONTINUE;
                }
                entries.add(new TreeEntry(rel, Files.size(source), DeployDir.sha256(source)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                refused.add(new Refused(relative(top, file), "cannot be read: " + e.getMessage()));
                return FileVisitResult.CONTINUE;
            }
        });
        entries.sort(Comparator.comparing(TreeEntry::path));
        return new LocalTree(List.copyOf(entries), List.copyOf(refused), ignored[0]);
    }

    private static String relative(Path top, Path file) {
        return top.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
