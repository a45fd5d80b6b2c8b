package org.corpusforge.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.manifest.Manifest;

/**
 * One stage of a finished run as its manifest records it.
 *
 * @param id       the stage's id (its name unless configured otherwise), which keys its details and drop reasons
 * @param kind     the registered name of its kind ({@code quality}, {@code dedup}); null for the reader
 * @param settings its settings as configured (secrets redacted), or null
 * @param details  what it recorded under {@code stage_details}, or null
 */
public record StageRun(String id, String kind, JsonNode settings, Map<String, Object> details) {
    /**
     * The run's stages in the order they ran. A manifest from before kinds were recorded gives a stage's id as its
     * kind (ids were names unless configured), and a per-document stage's settings from the recorded configuration.
     */
    public static List<StageRun> of(Manifest m) {
        List<StageRun> runs = new ArrayList<>();
        for (Manifest.StageEntry s : m.stages()) {
            Map<String, Object> details = m.stageDetails() == null ? null : m.stageDetails().get(s.name());
            boolean recorded = s.kind() != null || s.settings() != null;
            runs.add(new StageRun(s.name(), recorded || s == m.stages().get(0) ? s.kind() : s.name(),
                    recorded ? s.settings() : configured(m, s.name()), details));
        }
        return runs;
    }

    /** A per-document stage's entry in the recorded configuration, without the keys that name it; else null. */
    private static JsonNode configured(Manifest m, String id) {
        for (JsonNode stage : m.config() == null ? List.<JsonNode>of() : m.config().path("stages")) {
            String name = stage.hasNonNull("id") ? stage.get("id").asText() : stage.path("name").asText();
            if (name.equals(id) && stage instanceof ObjectNode object) {
                ObjectNode copy = object.deepCopy();
                copy.remove(List.of("id", "name"));
                return copy;
            }
        }
        return null;
    }
}
