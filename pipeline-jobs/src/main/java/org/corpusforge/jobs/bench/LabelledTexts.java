package org.corpusforge.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.corpusforge.jobs.base.UserError;

/**
 * Labelled toxicity data in the two public forms: the Inspection AI CSV (text and vote counts per level; toxic
 * when Toxic and Very Toxic votes are more than half) and RTP-LX JSONL (Prompt; toxic when the mean Toxicity score
 * is 3 or more), plus a plain JSONL with {@code text} and {@code label} (true/false or 1/0).
 */
record LabelledTexts(List<String> texts, List<Boolean> labels) {

    static LabelledTexts read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return file.toString().endsWith(".csv") ? csv(lines) : jsonl(lines);
        } catch (IOException e) {
            throw new UserError(file + ": cannot be read: " + e.getMessage());
        }
    }

    private static LabelledTexts csv(List<String> lines) {
        List<String> header = split(lines.get(0));
        int text = header.indexOf("text");
        int toxic = header.indexOf("Toxic");
        int veryToxic = header.indexOf("Very Toxic");
        int total = header.indexOf("annotation_num");
        if (text < 0 || toxic < 0 || veryToxic < 0 || total < 0) {
            throw new UserError("CSV header must have text, Toxic, Very Toxic and annotation_num (Inspection AI form)");
        }
        LabelledTexts out = new LabelledTexts(new ArrayList<>(), new ArrayList<>());
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = split(line);
            int votes = Integer.parseInt(f.get(toxic)) + Integer.parseInt(f.get(veryToxic));
            out.texts.add(f.get(text));
            out.labels.add(votes * 2 > Integer.parseInt(f.get(total)));
        }
        return out;
    }

    private static LabelledTexts jsonl(List<String> lines) throws IOException {
        ObjectMapper json = new ObjectMapper();
        LabelledTexts out = new LabelledTexts(new ArrayList<>(), new ArrayList<>());
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode r = json.readTree(line);
            if (r.has("Prompt") && r.has("Annotations")) {
                out.texts.add(r.get("Prompt").asText());
                out.labels.add(r.get("Annotations").get("Toxicity").asDouble() >= 3.0);
            } else if (r.has("text") && r.has("label")) {
                out.texts.add(r.get("text").asText());
                JsonNode l = r.get("label");
                out.labels.add(l.isBoolean() ? l.asBoolean() : l.asDouble() >= 0.5);
            } else {
                throw new UserError("a JSONL line has neither Prompt/Annotations (RTP-LX) nor text/label");
            }
        }
        return out;
    }

    /** One CSV line: commas separate, double quotes quote, "" is a quote. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString());
        return fields;
    }
}
