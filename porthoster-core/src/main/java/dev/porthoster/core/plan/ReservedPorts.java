package dev.porthoster.core.plan;

import java.util.Set;
import java.util.TreeSet;

/**
 * Ports no handler may claim: SSH, the sync API, the admin port, and the privileged ports below 1024 unless the
 * operator allowed them. The broker holds no capability it was not given.
 *
 * @param named            ports refused by number, e.g. 22
 * @param allowPrivileged  whether ports 1–1023 (other than {@code named}) may be served
 */
public record ReservedPorts(Set<Integer> named, boolean allowPrivileged) {

    /** SSH. */
    public static final int SSH_PORT = 22;
    /** The sync API's default port (localhost only, reached through an SSH tunnel). */
    public static final int DEFAULT_SYNC_PORT = 7701;
    /** The admin and metrics port's default. */
    public static final int DEFAULT_ADMIN_PORT = 7702;

    public ReservedPorts {
        named = Set.copyOf(named);
    }

    /** 22, 7701 (sync API), 7702 (admin), and every port below 1024. */
    public static ReservedPorts defaults() {
        return new ReservedPorts(Set.of(SSH_PORT, DEFAULT_SYNC_PORT, DEFAULT_ADMIN_PORT), false);
    }

    /** Why {@code port} is reserved, or null when it is free to serve. */
    String reasonFor(int port) {
        if (named.contains(port)) {
            return switch (port) {
                case SSH_PORT -> "port 22 is reserved for SSH";
                default -> "port " + port + " is reserved (sync API or admin port)";
            };
        }
        if (port < 1024 && !allowPrivileged) {
            return "port " + port + " is below 1024, which the server config does not allow";
        }
        return null;
    }

    /** One line for {@code check}: {@code 22, 7701, 7702, and 1–1023}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int p : new TreeSet<>(named)) {
            sb.append(sb.isEmpty() ? "" : ", ").append(p);
        }
        if (!allowPrivileged) {
            sb.append(sb.isEmpty() ? "" : ", ").append("1–1023");
        }
        return sb.isEmpty() ? "none" : sb.toString();
    }
}
