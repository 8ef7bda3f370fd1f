package dev.porthoster.server.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns the broker's answer on the local channel (its ports before and after a reconcile) and the files a sync
 * changed into the report's opened, reloaded, kept, closed and refused ports.
 *
 * <p>Core's API shows which ports serve, not which version of a handler does, so a port serving before and after is
 * reported reloaded when its handler file, its manifest or a file it statically imports ({@link StaticImports}) changed
 * (the broker reloads on exactly the files its engine read, so the two agree unless an import is computed); a port
 * whose new version was refused is reported kept, with the refusal. The broker's events (a later piece of work) will
 * make this exact.
 */
final class Outcomes {

    private Outcomes() {
    }

    static Report fromBroker(String dir, String release, String previous, boolean swapped, List<String> added,
                             List<String> changed, List<String> removed, int contents, long bytes, JsonNode answer,
                             Set<String> touched, java.nio.file.Path served) {
        Map<String, String> before = ports(answer.has("before") ? answer.get("before") : answer.get("ports"));
        Map<String, String> after = ports(answer.has("after") ? answer.get("after") : answer.get("ports"));
        List<Report.Refusal> refused = new ArrayList<>();
        for (JsonNode r : answer.get("refused")) {
            refused.add(new Report.Refusal(r.get("file").asString(), r.get("reason").asString()));
        }
        Set<String> refusedFiles = new java.util.HashSet<>();
        refused.forEach(r -> refusedFiles.add(r.file()));
        List<Report.Port> opened = new ArrayList<>();
        List<Report.Port> reloaded = new ArrayList<>();
        List<Report.Port> kept = new ArrayList<>();
        List<Report.Port> closed = new ArrayList<>();
        after.forEach((socket, file) -> {
            String was = before.get(socket);
            if (was == null) {
                opened.add(new Report.Port(socket, file, List.of()));
                return;
            }
            String manifest = file.replaceFirst("\\.js$", ".json");
            List<String> own = new ArrayList<>();
            Set<String> files = new java.util.LinkedHashSet<>(List.of(file, manifest, was));
            files.addAll(StaticImports.closure(served, file));
            for (String f : files) {
                if (touched.contains(f) && !own.contains(f)) {
                    own.add(f);
                }
            }
            boolean refusedNow = refusedFiles.contains(file) || refusedFiles.contains(manifest);
            if (!own.isEmpty() && !refusedNow) {
                reloaded.add(new Report.Port(socket, file, own));
            } else {
                kept.add(new Report.Port(socket, file, List.of()));
            }
        });
        before.forEach((socket, file) -> {
            if (!after.containsKey(socket)) {
                closed.add(new Report.Port(socket, file, List.of()));
            }
        });
        return new Report(dir, release, previous, swapped, "reconciled", added, changed, removed, contents, bytes,
                opened, reloaded, kept, closed, refused);
    }

    private static Map<String, String> ports(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode p : list) {
            out.put(p.get("socket").asString(), p.get("file").asString());
        }
        return out;
    }
}
