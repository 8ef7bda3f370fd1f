package dev.porthoster.core.internal.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The content hashes of the files an instance was built from. A reload happens when the content changed, not when a
 * file was merely touched or saved unchanged.
 */
record Fingerprint(Map<Path, String> hashes) {

    static Fingerprint of(Set<Path> files) {
        Map<Path, String> hashes = new HashMap<>();
        for (Path f : files) {
            hashes.put(f, hash(f));
        }
        return new Fingerprint(Map.copyOf(hashes));
    }

    boolean changed() {
        for (Map.Entry<Path, String> e : hashes.entrySet()) {
            if (!hash(e.getKey()).equals(e.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** Files larger than this are not read to be hashed: the engine refuses them anyway (its limit is smaller). */
    private static final long MAX_HASHED_BYTES = 64L << 20;

    /**
     * The content hash of a regular file. Anything else (a FIFO, a link, a folder, a file too large to be code) is
     * described by its type, size and time instead of being opened: opening a FIFO would block the reload until a
     * writer came. A change of type shows as a change, and the reload's load then refuses the file with the reason.
     */
    private static String hash(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile() || a.size() > MAX_HASHED_BYTES) {
                return (a.isRegularFile() ? "large " : "not a regular file ") + a.size() + " " + a.lastModifiedTime();
            }
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readNBytes((int) MAX_HASHED_BYTES)));
            }
        } catch (IOException e) {
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
