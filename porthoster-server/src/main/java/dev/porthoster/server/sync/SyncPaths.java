package dev.porthoster.server.sync;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Which paths a synced tree may hold, checked by the server on every path it is sent (and by the client before it
 * sends). A path is relative, {@code /}-separated, with no empty, {@code .} or {@code ..} component, so it cannot name
 * anything outside the tree; no component may start with {@code _} or {@code .}, the names the filename grammar never
 * syncs; no control characters or backslashes, which would only hide what a name is.
 */
final class SyncPaths {

    /** The deepest a file may sit below the tree's top. */
    static final int MAX_DEPTH = 32;

    private SyncPaths() {
    }

    /** Why {@code path} may not be in a synced tree, or empty when it may. */
    static Optional<String> refusal(String path) {
        if (path.isEmpty()) {
            return Optional.of("an empty path");
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > Wire.MAX_PATH_BYTES) {
            return Optional.of("a path longer than " + Wire.MAX_PATH_BYTES + " bytes");
        }
        if (path.startsWith("/")) {
            return Optional.of("an absolute path; paths are relative to the synced folder");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return Optional.of("a control character or backslash in the name");
            }
        }
        String[] parts = path.split("/", -1);
        if (parts.length > MAX_DEPTH) {
            return Optional.of("more than " + MAX_DEPTH + " folders deep");
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return Optional.of("an empty path component ('//' or a trailing '/')");
            }
            if (part.equals("..") || part.equals(".")) {
                return Optional.of("a '" + part + "' component, which would lead outside the synced folder");
            }
            if (part.startsWith(".") || part.startsWith("_")) {
                return Optional.of("a component starting with '" + part.charAt(0)
                        + "', which the filename grammar never syncs");
            }
            if (part.getBytes(StandardCharsets.UTF_8).length > 255) {
                return Optional.of("a name longer than 255 bytes");
            }
        }
        return Optional.empty();
    }

    /** Whether the client leaves {@code name} (one path component) behind: it starts with {@code _} or {@code .}. */
    static boolean ignored(String name) {
        return name.startsWith("_") || name.startsWith(".");
    }
}
