package dev.porthoster.server.sync;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One file of a synced tree: its path relative to the tree ({@code lib/util.js}, always {@code /}-separated), its size
 * and the SHA-256 of its content, which names the content in the server's store.
 */
record TreeEntry(String path, long size, byte[] sha256) {

    TreeEntry {
        sha256 = sha256.clone();
    }

    String hash() {
        return HexFormat.of().formatHex(sha256);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeEntry e && e.path.equals(path) && e.size == size && Arrays.equals(e.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(sha256);
    }

    /** {@code path size sha256}, one line of a stored tree listing. */
    String line() {
        return hash() + " " + size + " " + path;
    }

    static TreeEntry parseLine(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length != 3 || parts[0].length() != 64) {
            throw new IllegalArgumentException("not a tree listing line: " + line);
        }
        return new TreeEntry(parts[2], Long.parseLong(parts[1]), HexFormat.of().parseHex(parts[0]));
    }
}
