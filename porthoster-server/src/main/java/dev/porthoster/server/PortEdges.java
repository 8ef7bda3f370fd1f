package dev.porthoster.server;

import dev.porthoster.core.manifest.Cidr;
import dev.porthoster.core.manifest.Manifest;
import dev.porthoster.core.manifest.TlsMaterial;
import dev.porthoster.core.plan.Plan;
import dev.porthoster.server.firewall.Opening;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code porthoster check} says of each port's edge: TLS (the certificate's subject and expiry), PROXY trust, and
 * what {@code serve --firewall nftables} would open, as text and as JSON.
 */
final class PortEdges {

    /** A certificate expiring sooner than this is flagged. */
    static final Duration SOON = Duration.ofDays(14);

    private PortEdges() {
    }

    static List<String> lines(Plan.EntryPoint e, Instant now) {
        return List.of("tls: " + tls(e, now), "proxy: " + proxy(e.rules()), "firewall: " + firewall(e));
    }

    private static String tls(Plan.EntryPoint e, Instant now) {
        if (e.tls().isEmpty()) {
            return "off";
        }
        TlsMaterial t = e.tls().get();
        Manifest.Tls rules = t.rules();
        long days = ChronoUnit.DAYS.between(now, t.notAfter());
        StringBuilder sb = new StringBuilder("on, " + t.subject() + ", expires " + t.notAfter().truncatedTo(ChronoUnit.SECONDS)
                + (Duration.between(now, t.notAfter()).compareTo(SOON) < 0 ? " (SOON: in " + days + " days; renew it)"
                : " (in " + days + " days)"));
        sb.append(" from ").append(rules.cert());
        if (!rules.alpn().isEmpty()) {
            sb.append("; alpn ").append(String.join(", ", rules.alpn()));
        }
        rules.clientAuth().ifPresent(c -> sb.append("; client certificates ")
                .append(c.mode() == Manifest.ClientAuth.Mode.REQUIRE ? "required" : "requested")
                .append(", issued by ").append(c.ca()));
        return sb.toString();
    }

    private static String proxy(Manifest rules) {
        return rules.proxyProtocol().map(trusted -> "PROXY v1/v2 header required; only from "
                + String.join(", ", trusted.stream().map(Cidr::toString).toList()) + " (any other source is refused)")
                .orElse("off (clients connect directly)");
    }

    private static String firewall(Plan.EntryPoint e) {
        Opening o = Opening.of(e.spec().protocol(), e.spec().port(), e.rules());
        return "with --firewall nftables opens " + o.key() + o.sourceRate()
                .map(r -> ", dropping a source over " + r + " (burst " + o.burst() + ") in the kernel").orElse("");
    }

    static void json(ObjectNode n, Plan.EntryPoint e) {
        if (e.tls().isEmpty()) {
            n.putNull("tls");
        } else {
            TlsMaterial t = e.tls().get();
            ObjectNode tls = n.putObject("tls");
            tls.put("cert", t.rules().cert());
            tls.put("key", t.rules().key());
            tls.put("subject", t.subject());
            tls.put("notBefore", t.notBefore().toString());
            tls.put("notAfter", t.notAfter().toString());
            t.rules().alpn().forEach(tls.putArray("alpn")::add);
            if (t.rules().clientAuth().isPresent()) {
                ObjectNode c = tls.putObject("clientAuth");
                c.put("ca", t.rules().clientAuth().get().ca());
                c.put("mode", t.rules().clientAuth().get().mode().name().toLowerCase(Locale.ROOT));
            } else {
                tls.putNull("clientAuth");
            }
        }
        if (e.rules().proxyProtocol().isEmpty()) {
            n.putNull("proxyProtocol");
        } else {
            tools.jackson.databind.node.ArrayNode trusted = n.putObject("proxyProtocol").putArray("trusted");
            e.rules().proxyProtocol().get().forEach(c -> trusted.add(c.toString()));
        }
        Opening o = Opening.of(e.spec().protocol(), e.spec().port(), e.rules());
        ObjectNode fw = n.putObject("firewall");
        fw.put("opens", o.key());
        if (o.sourceRate().isPresent()) {
            fw.put("sourceRate", o.sourceRate().get().toString());
            fw.put("burst", o.burst());
        } else {
            fw.putNull("sourceRate");
            fw.putNull("burst");
        }
    }
}
