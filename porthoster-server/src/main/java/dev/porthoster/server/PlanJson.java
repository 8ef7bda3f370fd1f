package dev.porthoster.server;

import dev.porthoster.api.spi.NodeDifference;
import dev.porthoster.core.plan.Plan;
import java.util.List;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The plan as JSON, for {@code porthoster check --json}. The shape is documented in docs/cli.md. */
final class PlanJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlanJson() {
    }

    static String write(Plan plan, List<Plan.Refusal> loadFailures, List<NodeDifference> differences) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("root", plan.root().toString());
        root.put("ok", plan.isClean() && loadFailures.isEmpty());
        ArrayNode entries = root.putArray("entryPoints");
        for (Plan.EntryPoint e : plan.entryPoints()) {
            ObjectNode n = entries.addObject();
            n.put("file", e.file().getFileName().toString());
            n.put("name", e.spec().name());
            n.put("protocol", e.spec().protocol().token());
            n.put("port", e.spec().port());
            if (e.manifest().isPresent()) {
                n.put("manifest", e.manifest().get().getFileName().toString());
            } else {
                n.putNull("manifest");
            }
            n.put("loads", loadFailures.stream().noneMatch(f -> f.file().equals(e.file())));
            PortEdges.json(n, e);
        }
        ArrayNode refusals = root.putArray("refusals");
        for (Plan.Refusal r : plan.refusals()) {
            refusal(refusals.addObject(), r, "name");
        }
        for (Plan.Refusal r : loadFailures) {
            refusal(refusals.addObject(), r, "load");
        }
        ArrayNode differs = root.putArray("differences");
        for (NodeDifference d : differences) {
            ObjectNode n = differs.addObject();
            n.put("file", PlanText.shown(plan, d.file()));
            n.put("line", d.line());
            n.put("construct", d.construct());
            n.put("difference", d.difference());
            n.put("message", d.message());
        }
        ObjectNode reserved = root.putObject("reservedPorts");
        ArrayNode named = reserved.putArray("named");
        plan.reserved().named().stream().sorted().forEach(named::add);
        reserved.put("privilegedAllowed", plan.reserved().allowPrivileged());
        root.put("supportingFiles", plan.supportingFiles());
        root.put("ignoredPaths", plan.ignoredPaths());
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static void refusal(ObjectNode n, Plan.Refusal r, String stage) {
        n.put("file", r.file().getFileName().toString());
        if (r.line() > 0) {
            n.put("line", r.line());
        } else {
            n.putNull("line");
        }
        n.put("stage", stage);
        n.put("reason", r.reason());
        if (r.consequence() instanceof Plan.Consequence.HandlerNotServed h) {
            n.put("notServed", h.handler().getFileName().toString());
        } else {
            n.putNull("notServed");
        }
        n.put("message", r.message());
    }
}
