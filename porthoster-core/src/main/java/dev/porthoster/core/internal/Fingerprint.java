package dev.porthoster.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static String hash(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "unreadable";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
