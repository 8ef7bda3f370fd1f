package dev.porthoster.server.sync;

import dev.porthoster.core.plan.FileName;
import dev.porthoster.core.plan.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Turns the broker's answer on the local channel (its ports before and after a reconcile) and the files a sync
 * changed into the report's opened, reloaded, kept, closed and refused ports; for a dry run, predicts them from the
 * client's plan and files.
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
        Ports p = classify(before, after, refused, touched, served);
        return new Report(dir, release, previous, swapped, "reconciled", added, changed, removed, contents, bytes,
                p.opened(), p.reloaded(), p.kept(), p.closed(), refused);
    }

    /** What became, or would become, of each port. */
    record Ports(List<Report.Port> opened, List<Report.Port> reloaded, List<Report.Port> kept,
                 List<Report.Port> closed) { }

    /**
     * Each port's fate between {@code before} and {@code after} (socket to handler file), given the files a sync
     * {@code touched} and the tree {@code served} after it (where a handler's static imports are read).
     */
    static Ports classify(Map<String, String> before, Map<String, String> after, List<Report.Refusal> refused,
                          Set<String> touched, java.nio.file.Path served) {
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
        return new Ports(List.copyOf(opened), List.copyOf(reloaded), List.copyOf(kept), List.copyOf(closed));
    }

    /**
     * A dry run's report with each port's predicted fate: before the sync, the handlers of the tree the server holds
     * (the files it keeps, changes or removes); after, ROOT's plan, a refused new version leaving the old one.
     */
    static Report predicted(Report report, SyncClient.Checked checked, Path given) {
        Path root = given.toAbsolutePath().normalize();
        Set<String> added = new HashSet<>(report.added());
        Set<String> touched = new HashSet<>(added);
        touched.addAll(report.changed());
        touched.addAll(report.removed());
        Map<String, String> before = new TreeMap<>();
        List<String> held = new ArrayList<>(report.removed());
        checked.tree().forEach(e -> {
            if (!added.contains(e.path())) {
                held.add(e.path());
            }
        });
        for (String file : held) {
            if (!file.contains("/") && FileName.ofTopLevel(file, false) instanceof FileName.Handler h) {
                before.put(h.spec().socketKey(), file);
            }
        }
        List<Report.Refusal> refusals = new ArrayList<>();
        Set<String> refusedFiles = new HashSet<>();
        checked.refusals().forEach(x -> {
            String file = relative(root, x.file());
            refusedFiles.add(file);
            refusals.add(new Report.Refusal(file, x.message()));
        });
        Map<String, String> after = new TreeMap<>();
        for (Plan.EntryPoint e : checked.plan().entryPoints()) {
            String file = relative(root, e.file());
            String manifest = file.replaceFirst("\\.js$", ".json");
            String socket = e.spec().socketKey();
            if (!refusedFiles.contains(file) && !refusedFiles.contains(manifest)) {
                after.put(socket, file);
            } else if (before.containsKey(socket)) {
                after.put(socket, before.get(socket));
            }
        }
        return report.predicting(Outcomes.classify(before, after, refusals, touched, root), refusals);
    }

    /** {@code file} relative to {@code root}, {@code /}-separated, as the report names files. */
    private static String relative(Path root, Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace(java.io.File.separatorChar, '/');
    }

    private static Map<String, String> ports(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode p : list) {
            out.put(p.get("socket").asString(), p.get("file").asString());
        }
        return out;
    }
}
