package dev.porthoster.server.sync;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The broker's status as {@code porthoster status} prints it. */
final class StatusText {

    private StatusText() {
    }

    static void print(PrintStream out, JsonNode status) {
        String release = status.get("release").asString();
        out.println("serving " + status.get("root").asString() + (release.isEmpty() ? "" : " (release " + release + ")"));
        String current = status.path("current").asString(release);
        if (!current.equals(release)) {
            out.println("  current names release " + current + ", which this broker has not applied (a sync was cut "
                    + "between its swap and its request to the broker); the next sync or a restart applies it");
        }
        out.println("engine: " + status.get("engine").asString());
        for (JsonNode p : status.get("ports")) {
            List<String> refusals = new ArrayList<>();
            p.get("refusals").properties().forEach(e -> refusals.add(e.getKey() + " " + e.getValue().asLong()));
            out.printf("  %-10s %-22s %s  version %s  connections %d  restarts %d%s%s%n", p.get("socket").asString(),
                    p.get("address").asString(), p.get("file").asString(), p.get("version").asString(),
                    p.get("connections").asInt(), p.get("restarts").asInt(),
                    p.get("lastRestart").asString().isEmpty() ? "" : " (last: " + p.get("lastRestart").asString() + ")",
                    refusals.isEmpty() ? "" : "  refused: " + String.join(", ", refusals));
            if (p.path("instances").asInt(1) > 1) {
                for (JsonNode c : p.get("copies")) {
                    String last = c.get("lastRestart").asString();
                    out.printf("    copy %d  connections %d  restarts %d%s%n", c.get("copy").asInt(),
                            c.get("connections").asInt(), c.get("restarts").asInt(),
                            last.isEmpty() ? "" : " (last: " + last + ")");
                }
            }
            outbound(out, p);
        }
        for (JsonNode r : status.get("refused")) {
            out.println("  refused    " + r.get("reason").asString());
        }
        if (status.get("ports").isEmpty()) {
            out.println("  no port is open");
        }
    }

    /** A port's outbound traffic (its manifest's connect list), on a line of its own when there is any. */
    private static void outbound(PrintStream out, JsonNode port) {
        JsonNode o = port.get("outbound");
        if (o == null) {
            return; // a broker from before outbound traffic
        }
        List<String> refused = new ArrayList<>();
        if (o.has("refused")) {
            o.get("refused").properties().forEach(e -> refused.add(e.getKey() + " " + e.getValue().asLong()));
        }
        if (o.get("connections").asLong() == 0 && o.get("datagrams").asLong() == 0 && refused.isEmpty()) {
            return;
        }
        out.printf("  %-10s outbound: %d open, %d connections, %d datagrams%s%n", "", o.get("open").asInt(),
                o.get("connections").asLong(), o.get("datagrams").asLong(),
                refused.isEmpty() ? "" : "  refused: " + String.join(", ", refused));
    }
}
