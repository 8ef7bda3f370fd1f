package dev.porthoster.core.internal.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How many datagrams the kernel has dropped on arrival at the UDP sockets bound to a port because their receive
 * queue was full: the {@code drops} column of Linux's {@code /proc/net/udp} and {@code /proc/net/udp6}. It tells a
 * socket that really overflows (a flood) from one whose reads merely come back full (a busy client with a bounded
 * number of queries in flight). Elsewhere it is unknown.
 */
final class KernelDrops {

    /** The figure when the kernel does not say. */
    static final long UNKNOWN = -1;

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    private KernelDrops() {
    }

    /** Drops so far at the UDP sockets bound to {@code port}, or {@link #UNKNOWN}. */
    static long at(int port) {
        long drops = 0;
        boolean known = false;
        for (Path table : TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                continue;
            }
            known = true;
            drops += sum(lines, port);
        }
        return known ? drops : UNKNOWN;
    }

    /** The drops of the rows whose local address has {@code port}, in the table's text. */
    static long sum(List<String> lines, int port) {
        long drops = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 13) {
                continue;
            }
            int colon = f[1].lastIndexOf(':');
            try {
                if (colon > 0 && Integer.parseInt(f[1].substring(colon + 1), 16) == port) {
                    drops += Long.parseLong(f[f.length - 1]);
                }
            } catch (NumberFormatException e) {
                // a row this parser does not understand counts for nothing
            }
        }
        return drops;
    }
}
