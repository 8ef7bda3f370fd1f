package dev.porthoster.server.firewall;

import dev.porthoster.api.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The broker's own nftables table, {@code table inet porthoster}: sets holding exactly the served TCP and UDP ports
 * with a chain accepting them, and for each UDP port whose manifest limits a source's rate, a per-source meter that
 * drops a flood in the kernel before it reaches the socket (and the receive buffer honest sources share).
 *
 * <p>Every change is one {@code nft -f} transaction: it applies whole or not at all. {@link #start} replaces any table
 * a crashed broker left behind; {@link #apply} changes only the ports that opened or closed (or whose rate changed);
 * {@link #close} deletes the table. Driven through the {@code nft} command, never hand-built netlink.
 *
 * <p>An {@code accept} here ends only this table's chain: a drop in another table of the host's ruleset still
 * applies (nftables evaluates every base chain of a hook). See docs/firewall.md.
 */
public final class Nftables implements AutoCloseable {

    static final String TABLE = "inet porthoster";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_OUTPUT = 64 * 1024;

    private final List<String> nft;
    private final Map<String, Opening> applied = new LinkedHashMap<>();
    private boolean closed;

    private Nftables(List<String> nft) {
        this.nft = List.copyOf(nft);
    }

    /**
     * Takes over the table: checks that {@code nft} runs and may change the ruleset, then replaces whatever
     * {@code table inet porthoster} holds with an empty one.
     *
     * @param nft the command, e.g. {@code [nft]}, or {@code [ip, netns, exec, NS, nft]} for a namespace
     * @throws FirewallException when nft is missing or lacks the capability; nothing was changed then
     */
    public static Nftables start(List<String> nft) throws FirewallException {
        Nftables table = new Nftables(nft);
        table.run(List.of("--version"), "", true);
        table.run(List.of("-f", "-"), """
                table inet porthoster {}
                delete table inet porthoster
                table inet porthoster {
                  comment "owned by porthoster: rewritten at every start, removed at shutdown"
                  set tcp_ports { type inet_service; }
                  set udp_ports { type inet_service; }
                  map udp_limits { type inet_service : verdict; }
                  chain input {
                    type filter hook input priority filter - 10; policy accept;
                    udp dport vmap @udp_limits
                    tcp dport @tcp_ports accept
                    udp dport @udp_ports accept
                  }
                }
                """, true);
        return table;
    }

    /** Makes the table hold exactly {@code openings}; a no-op when nothing changed. */
    public synchronized void apply(Set<Opening> openings) throws FirewallException {
        if (closed) {
            throw new IllegalStateException("the firewall table was removed");
        }
        Map<String, Opening> wanted = new LinkedHashMap<>();
        openings.stream().sorted(Comparator.comparing(Opening::protocol).thenComparingInt(Opening::port))
                .forEach(o -> wanted.put(o.key(), o));
        StringBuilder script = new StringBuilder();
        for (Opening gone : applied.values()) {
            Opening now = wanted.get(gone.key());
            if (now == null) {
                removeLimit(gone, script);
                script.append("delete element ").append(TABLE).append(' ').append(set(gone)).append(" { ")
                        .append(gone.port()).append(" }\n");
            } else if (!now.equals(gone)) {
                removeLimit(gone, script);
            }
        }
        for (Opening next : wanted.values()) {
            Opening was = applied.get(next.key());
            if (was == null) {
                script.append("add element ").append(TABLE).append(' ').append(set(next)).append(" { ")
                        .append(next.port()).append(" }\n");
            }
            if ((was == null || !was.equals(next))) {
                addLimit(next, script);
            }
        }
        if (script.isEmpty()) {
            return;
        }
        run(List.of("-f", "-"), script.toString(), false);
        applied.clear();
        applied.putAll(wanted);
    }

    /** The ports the table opens now. */
    public synchronized Set<Opening> openings() {
        return Set.copyOf(applied.values());
    }

    private static String set(Opening o) {
        return o.protocol() == Protocol.TCP ? "tcp_ports" : "udp_ports";
    }

    private static void addLimit(Opening o, StringBuilder script) {
        if (o.sourceRate().isEmpty()) {
            return;
        }
        int p = o.port();
        String rate = o.sourceRate().get().count() + "/" + switch ((int) o.sourceRate().get().per().toSeconds()) {
            case 1 -> "second";
            case 60 -> "minute";
            default -> "hour";
        };
        String burst = o.burst() > 0 ? " burst " + o.burst() + " packets" : "";
        script.append("add set ").append(TABLE).append(" src4_udp_").append(p)
                .append(" { type ipv4_addr; size 65536; flags dynamic,timeout; timeout 1m; }\n");
        script.append("add set ").append(TABLE).append(" src6_udp_").append(p)
                .append(" { type ipv6_addr; size 65536; flags dynamic,timeout; timeout 1m; }\n");
        script.append("add chain ").append(TABLE).append(" udp_").append(p).append('\n');
        script.append("add rule ").append(TABLE).append(" udp_").append(p).append(" update @src4_udp_").append(p)
                .append(" { ip saddr limit rate over ").append(rate).append(burst).append(" } counter drop\n");
        script.append("add rule ").append(TABLE).append(" udp_").append(p).append(" update @src6_udp_").append(p)
                .append(" { ip6 saddr limit rate over ").append(rate).append(burst).append(" } counter drop\n");
        script.append("add element ").append(TABLE).append(" udp_limits { ").append(p).append(" : jump udp_")
                .append(p).append(" }\n");
    }

    private static void removeLimit(Opening o, StringBuilder script) {
        if (o.sourceRate().isEmpty()) {
            return;
        }
        int p = o.port();
        script.append("delete element ").append(TABLE).append(" udp_limits { ").append(p).append(" }\n");
        script.append("flush chain ").append(TABLE).append(" udp_").append(p).append('\n');
        script.append("delete chain ").append(TABLE).append(" udp_").append(p).append('\n');
        script.append("delete set ").append(TABLE).append(" src4_udp_").append(p).append('\n');
        script.append("delete set ").append(TABLE).append(" src6_udp_").append(p).append('\n');
    }

    /** Removes the table: nothing of the broker's stays open. Idempotent. */
    @Override
    public synchronized void close() throws FirewallException {
        if (closed) {
            return;
        }
        closed = true;
        applied.clear();
        run(List.of("-f", "-"), "table inet porthoster {}\ndelete table inet porthoster\n", false);
    }

    private void run(List<String> args, String input, boolean starting) throws FirewallException {
        List<String> command = new ArrayList<>(nft);
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new FirewallException("cannot run '" + String.join(" ", command) + "' (" + e.getMessage()
                    + "): --firewall nftables needs the nft command; install the 'nftables' package");
        }
        try {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String output = read(process.getInputStream());
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new FirewallException("'" + String.join(" ", command) + "' did not finish in "
                        + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                String why = output.strip();
                if (why.contains("Operation not permitted")) {
                    throw new FirewallException("nft may not change the ruleset: --firewall nftables needs the "
                            + "CAP_NET_ADMIN capability (run as root, or grant it, e.g. AmbientCapabilities="
                            + "CAP_NET_ADMIN in a systemd unit)" + (starting ? "; nothing was changed" : ""));
                }
                throw new FirewallException("nft failed (exit " + process.exitValue() + "): " + why);
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new FirewallException("talking to nft failed: " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FirewallException("interrupted while running nft");
        }
    }

    private static String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_OUTPUT);
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
