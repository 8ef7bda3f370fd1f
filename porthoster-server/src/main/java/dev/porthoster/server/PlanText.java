package dev.porthoster.server;

import dev.porthoster.api.spi.NodeDifference;
import dev.porthoster.core.plan.Plan;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The human-readable plan {@code porthoster check} prints. */
final class PlanText {

    private PlanText() {
    }

    /** A file as the user knows it: relative to the content root (lib/x.js), else its name. */
    static String shown(Plan plan, Path file) {
        Path root = plan.root().toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        return f.startsWith(root) ? root.relativize(f).toString() : String.valueOf(file.getFileName());
    }

    static void print(PrintStream out, Plan plan, List<Plan.Refusal> loadFailures, List<NodeDifference> differences) {
        out.println("content root: " + plan.root());
        for (Plan.EntryPoint e : plan.entryPoints()) {
            boolean broken = loadFailures.stream().anyMatch(f -> f.file().equals(e.file()));
            out.printf("  %-7s %s %-5d  %s%s%n", broken ? "broken" : "serve", e.spec().protocol().token(), e.spec().port(),
                    e.file().getFileName(), e.manifest().map(m -> "  (manifest " + m.getFileName() + ")").orElse(""));
            if (!broken) {
                PortEdges.lines(e, java.time.Instant.now()).forEach(line -> out.println("            " + line));
            }
        }
        for (Plan.Refusal r : plan.refusals()) {
            out.println("  refuse  " + r.message());
        }
        for (Plan.Refusal r : loadFailures) {
            out.println("  error   " + r.message());
        }
        for (NodeDifference d : differences) {
            out.println("  differs " + shown(plan, d.file()) + ":" + d.line() + ": " + d.construct() + ": "
                    + d.difference());
        }
        out.println("reserved ports: " + plan.reserved().describe());
        int serving = plan.entryPoints().size() - loadFailures.size();
        out.printf("%d to serve, %d refused, %d supporting file%s, %d ignored%s%n", serving,
                plan.refusals().size() + loadFailures.size(), plan.supportingFiles(),
                plan.supportingFiles() == 1 ? "" : "s", plan.ignoredPaths(), differences.isEmpty() ? ""
                        : ", " + differences.size() + " difference" + (differences.size() == 1 ? "" : "s")
                        + " from Node on this engine (docs/engines.md)");
    }
}
