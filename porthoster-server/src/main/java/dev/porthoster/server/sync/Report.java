package dev.porthoster.server.sync;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a sync or rollback did, sent by {@code receive} as JSON and printed by the client: the files that changed,
 * and what became of each port when the broker serving the folder reconciled the new tree.
 *
 * @param dir            the deploy folder
 * @param release        the tree now served (its content hash)
 * @param previous       the tree kept for rollback, or "" when there is none
 * @param swapped        whether {@code current} changed (false for an unchanged tree and for a dry run)
 * @param broker         {@code reconciled} (a broker serves the folder and applied the tree), {@code none} (no broker
 *                       is running: the tree is served when one starts) or {@code dry-run}
 * @param added          files new in this tree
 * @param changed        files whose content changed
 * @param removed        files no longer in the tree
 * @param contents       distinct contents the server lacked and was sent
 * @param contentBytes   bytes of content the server received (after what it already held from an earlier attempt)
 * @param opened         ports that opened
 * @param reloaded       ports whose handler or manifest changed and that serve the new version
 * @param kept           ports serving on as before
 * @param closed         ports that closed
 * @param refused        files that open nothing, or whose new version was refused (the old one keeps serving)
 */
record Report(String dir, String release, String previous, boolean swapped, String broker, List<String> added,
              List<String> changed, List<String> removed, int contents, long contentBytes, List<Port> opened,
              List<Port> reloaded, List<Port> kept, List<Port> closed, List<Refusal> refused) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One port.
     *
     * @param socket  {@code tcp/7000}
     * @param file    the handler file
     * @param changed for a reload: the handler's files that changed (itself, its manifest)
     */
    record Port(String socket, String file, List<String> changed) { }

    /**
     * A file refused.
     *
     * @param file   the file, relative to the tree
     * @param reason what is wrong and what happens instead
     */
    record Refusal(String file, String reason) { }

    /**
     * This report, its file lists shortened (each ending in "... and N more") until its JSON fits in {@code bytes}:
     * a tree of many long paths must not make the report too large to send.
     */
    Report fitting(int bytes) {
        Report r = this;
        for (int keep = 1000; r.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > bytes && keep > 0;
                keep /= 10) {
            r = new Report(dir, release, previous, swapped, broker, cut(added, keep), cut(changed, keep),
                    cut(removed, keep), contents, contentBytes, opened, reloaded, kept, closed, refused);
        }
        return r;
    }

    private static List<String> cut(List<String> files, int keep) {
        if (files.size() <= keep) {
            return files;
        }
        List<String> out = new ArrayList<>(files.subList(0, keep));
        out.add("... and " + (files.size() - keep) + " more");
        return out;
    }

    /** 0 when everything in the tree is served, 1 when something was refused. */
    int exitStatus() {
        return refused.isEmpty() ? 0 : 1;
    }

    String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("dir", dir).put("release", release).put("previous", previous).put("swapped", swapped)
                .put("broker", broker);
        strings(n.putArray("added"), added);
        strings(n.putArray("changed"), changed);
        strings(n.putArray("removed"), removed);
        n.put("contents", contents).put("contentBytes", contentBytes);
        ports(n.putArray("opened"), opened);
        ports(n.putArray("reloaded"), reloaded);
        ports(n.putArray("kept"), kept);
        ports(n.putArray("closed"), closed);
        ArrayNode r = n.putArray("refused");
        refused.forEach(x -> r.addObject().put("file", x.file()).put("reason", x.reason()));
        return JSON.writeValueAsString(n);
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }

    private static void ports(ArrayNode into, List<Port> ports) {
        for (Port p : ports) {
            ObjectNode o = into.addObject().put("socket", p.socket()).put("file", p.file());
            strings(o.putArray("changed"), p.changed());
        }
    }

    /**
     * Reads a report sent by {@code receive}.
     *
     * @throws Wire.ProtocolException when it is not one
     */
    static Report fromJson(String json) throws Wire.ProtocolException {
        try {
            JsonNode n = JSON.readTree(json);
            List<Refusal> refused = new ArrayList<>();
            for (JsonNode r : n.required("refused")) {
                refused.add(new Refusal(r.required("file").asString(), r.required("reason").asString()));
            }
            return new Report(n.required("dir").asString(), n.required("release").asString(),
                    n.required("previous").asString(), n.required("swapped").asBoolean(), n.required("broker").asString(),
                    strings(n.required("added")), strings(n.required("changed")), strings(n.required("removed")),
                    n.required("contents").asInt(), n.required("contentBytes").asLong(), ports(n.required("opened")),
                    ports(n.required("reloaded")), ports(n.required("kept")), ports(n.required("closed")), refused);
        } catch (RuntimeException e) {
            throw new Wire.ProtocolException("the server's report is not one this client reads: " + e.getMessage());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return List.copyOf(out);
    }

    private static List<Port> ports(JsonNode array) {
        List<Port> out = new ArrayList<>();
        array.forEach(p -> out.add(new Port(p.required("socket").asString(), p.required("file").asString(),
                strings(p.required("changed")))));
        return List.copyOf(out);
    }

    /**
     * This dry run's report with what the new tree would do to each port, as the client predicts it from its own
     * plan and files (the server has not seen the new content).
     */
    Report predicting(Outcomes.Ports ports, List<Refusal> refusals) {
        return new Report(dir, release, previous, swapped, broker, added, changed, removed, contents, contentBytes,
                ports.opened(), ports.reloaded(), ports.kept(), ports.closed(), List.copyOf(refusals));
    }

    /** The report as the client prints it. */
    void print(PrintStream out) {
        boolean dryRun = broker.equals("dry-run");
        out.printf("files: %d added, %d changed, %d removed; %d content%s %s (%s)%n", added.size(), changed.size(),
                removed.size(), contents, contents == 1 ? "" : "s", dryRun ? "to send" : "sent", bytes(contentBytes));
        for (String f : added) {
            out.println("  + " + f);
        }
        for (String f : changed) {
            out.println("  ~ " + f);
        }
        for (String f : removed) {
            out.println("  - " + f);
        }
        String verb = broker.equals("none") ? " (when a broker serves " + dir + ")" : "";
        for (Port p : opened) {
            out.printf("%s%-10s %s%s%n", dryRun ? "would open    " : "opened    ", p.socket(), p.file(), verb);
        }
        for (Port p : reloaded) {
            out.printf("%s%-10s %s (changed: %s)%n", dryRun ? "would reload  " : "reloaded  ", p.socket(), p.file(),
                    String.join(", ", p.changed()));
        }
        for (Port p : kept) {
            out.printf("%s%-10s %s%n", dryRun ? "would keep    " : "kept      ", p.socket(), p.file());
        }
        for (Port p : closed) {
            out.printf("%s%-10s %s%n", dryRun ? "would close   " : "closed    ", p.socket(), p.file());
        }
        for (Refusal r : refused) {
            out.println("refused   " + (r.reason().startsWith(r.file()) ? "" : r.file() + ": ") + r.reason());
        }
        switch (broker) {
            case "reconciled" -> out.println("the broker serving " + dir + " applied release " + release
                    + (previous.isEmpty() ? "" : "; 'porthoster sync --rollback' goes back to " + previous));
            case "none" -> out.println("release " + release + " is in place; no broker is serving " + dir
                    + " now: 'porthoster serve " + dir + "' serves it");
            default -> out.println("dry run: nothing was changed on the server"
                    + (opened.size() + reloaded.size() + kept.size() + closed.size() == 0 ? ""
                    : " (the ports above are predicted from your files; the broker decides when it loads them)"));
        }
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        return String.format("%.1f MiB", n / (1024.0 * 1024));
    }
}
