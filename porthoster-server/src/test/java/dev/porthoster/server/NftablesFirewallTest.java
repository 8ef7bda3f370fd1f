package dev.porthoster.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.porthoster.api.Protocol;
import dev.porthoster.core.manifest.Manifest;
import dev.porthoster.server.firewall.FirewallException;
import dev.porthoster.server.firewall.Nftables;
import dev.porthoster.server.firewall.Opening;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nftables backend against the real kernel, inside a network namespace each test makes (so the host's ruleset is
 * never touched). Needs root and the nft and ip commands (.ci/run installs nftables); skipped otherwise.
 */
class NftablesFirewallTest {

    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir
    Path temp;

    private String ns;

    @BeforeEach
    void namespace() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to make a network namespace");
        assumeTrue(exec(List.of("nft", "--version")).exit == 0, "needs the nft command (Debian package nftables)");
        ns = "ph-fw-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();
        assertEquals(0, exec(List.of("ip", "netns", "add", ns)).exit);
        assertEquals(0, exec(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up")).exit);
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (ns != null) {
            exec(List.of("ip", "netns", "del", ns));
        }
    }

    private List<String> nft() {
        return List.of("ip", "netns", "exec", ns, "nft");
    }

    private String ruleset() throws Exception {
        return exec(List.of("ip", "netns", "exec", ns, "nft", "list", "ruleset")).output;
    }

    private String set(String name) throws Exception {
        Result r = exec(List.of("ip", "netns", "exec", ns, "nft", "list", "set", "inet", "porthoster", name));
        assertEquals(0, r.exit, r.output);
        return r.output.replaceAll("\\s+", " ");
    }

    private static Opening tcp(int port) {
        return new Opening(Protocol.TCP, port, Optional.empty(), 0);
    }

    private static Opening udp(int port, long perSecond, long burst) {
        return new Opening(Protocol.UDP, port, Optional.of(new Manifest.Rate(perSecond, Duration.ofSeconds(1))), burst);
    }

    @Test
    void theTableHoldsExactlyTheServedPorts() throws Exception {
        try (Nftables table = Nftables.start(nft())) {
            table.apply(Set.of(tcp(7000), tcp(7001), udp(9125, 100, 50)));
            assertTrue(set("tcp_ports").contains("elements = { 7000, 7001 }"), set("tcp_ports"));
            assertTrue(set("udp_ports").contains("elements = { 9125 }"), set("udp_ports"));
            assertTrue(ruleset().contains("ip saddr limit rate over 100/second burst 50 packets"), ruleset());

            table.apply(Set.of(tcp(7001), new Opening(Protocol.UDP, 9125, Optional.empty(), 0)));
            assertTrue(set("tcp_ports").contains("elements = { 7001 }"), set("tcp_ports"));
            assertTrue(!ruleset().contains("limit rate"), "the rate went with the manifest's: " + ruleset());
        }
        assertTrue(!ruleset().contains("porthoster"), "close() removed the table: " + ruleset());
    }

    @Test
    void aTableLeftByACrashedBrokerIsReplacedAtStart() throws Exception {
        Files.writeString(temp.resolve("stale.nft"), """
                table inet porthoster {
                  set tcp_ports { type inet_service; elements = { 1234 }; }
                  chain leftover { type filter hook input priority 0; policy accept; tcp dport 1234 accept; }
                }
                """);
        assertEquals(0, exec(List.of("ip", "netns", "exec", ns, "nft", "-f", temp.resolve("stale.nft").toString())).exit);
        try (Nftables table = Nftables.start(nft())) {
            assertTrue(!ruleset().contains("1234") && !ruleset().contains("leftover"), ruleset());
            table.apply(Set.of(tcp(7000)));
            assertTrue(set("tcp_ports").contains("elements = { 7000 }"));
        }
    }

    @Test
    void unchangedOpeningsChangeNothingInTheKernel() throws Exception {
        Path calls = temp.resolve("calls");
        List<String> counting = List.of("sh", "-c", "echo call >> '" + calls + "'; exec ip netns exec " + ns
                + " nft \"$@\"", "nft");
        try (Nftables table = Nftables.start(counting)) {
            table.apply(Set.of(tcp(7000), udp(9125, 10, 5)));
            long before = Files.readAllLines(calls).size();
            table.apply(Set.of(udp(9125, 10, 5), tcp(7000)));
            table.apply(Set.of(tcp(7000), udp(9125, 10, 5)));
            assertEquals(before, Files.readAllLines(calls).size(), "a reload that keeps the ports runs no nft command");
        }
    }

    @Test
    void withoutTheNftCommandTheFirewallRefusesNamingThePackage() {
        FirewallException e = assertThrows(FirewallException.class,
                () -> Nftables.start(List.of(temp.resolve("no-such-nft").toString())));
        assertTrue(e.getMessage().contains("install the 'nftables' package"), e.getMessage());
    }

    @Test
    void withoutCapNetAdminTheFirewallRefusesNamingTheCapabilityAndChangesNothing() throws Exception {
        assumeTrue(exec(List.of("setpriv", "--version")).exit == 0, "needs setpriv (util-linux)");
        List<String> unprivileged = List.of("ip", "netns", "exec", ns, "setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "nft");
        FirewallException e = assertThrows(FirewallException.class, () -> Nftables.start(unprivileged));
        assertTrue(e.getMessage().contains("CAP_NET_ADMIN") && e.getMessage().contains("nothing was changed"),
                e.getMessage());
        assertTrue(!ruleset().contains("porthoster"), ruleset());
    }

    @Test
    void aUdpFloodFromOneSourceIsDroppedInTheKernelWhileAnHonestSourceGetsThrough() throws Exception {
        assumeTrue(exec(List.of("python3", "--version")).exit == 0, "needs python3 to send and count datagrams");
        int port = 9125;
        Path counter = Files.writeString(temp.resolve("count.py"), """
                import socket, sys, time
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
                s.bind(('127.0.0.1', %d))
                s.settimeout(0.5)
                print('ready', flush=True)
                counts = {}
                deadline = time.time() + 8
                while time.time() < deadline:
                    try:
                        data, (host, _) = s.recvfrom(2048)
                    except socket.timeout:
                        if counts: break
                        continue
                    counts[host] = counts.get(host, 0) + 1
                print(counts.get('127.0.0.2', 0), counts.get('127.0.0.3', 0), flush=True)
                """.formatted(port));
        Path sender = Files.writeString(temp.resolve("send.py"), """
                import socket, sys
                src, n = sys.argv[1], int(sys.argv[2])
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.bind((src, 0))
                for i in range(n):
                    s.sendto(b'x' * 32, ('127.0.0.1', %d))
                """.formatted(port));
        try (Nftables table = Nftables.start(nft())) {
            table.apply(Set.of(udp(port, 100, 50)));
            Process receiver = new ProcessBuilder("ip", "netns", "exec", ns, "python3", counter.toString())
                    .redirectErrorStream(true).start();
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(receiver.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            assertEquals(0, exec(List.of("ip", "netns", "exec", ns, "python3", sender.toString(), "127.0.0.2", "2000")).exit);
            assertEquals(0, exec(List.of("ip", "netns", "exec", ns, "python3", sender.toString(), "127.0.0.3", "20")).exit);
            String[] counts = out.readLine().split(" ");
            assertTrue(receiver.waitFor(10, TimeUnit.SECONDS));
            int flooder = Integer.parseInt(counts[0]);
            int honest = Integer.parseInt(counts[1]);
            assertEquals(20, honest, "every datagram of the honest source arrived");
            assertTrue(flooder < 400, "the kernel let through " + flooder + " of the flooder's 2000 at 100/s burst 50");
            assertTrue(ruleset().matches("(?s).*counter packets [1-9][0-9]{2,} bytes.*drop.*"), ruleset());
        }
    }

    private record Result(int exit, String output) { }

    private static Result exec(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        } catch (IOException missing) {
            return new Result(127, missing.getMessage());
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Result(p.exitValue(), output);
    }
}
