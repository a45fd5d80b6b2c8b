package org.corpusforge.filters.classify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Verdict;
import org.corpusforge.filters.MorphTokenizer;

/**
 * A trained classifier as a stage: the document turned into the model's input the way the model was trained
 * ({@link Input}), the scores of the configured labels written as signals {@code <id>_<label>}, and the document
 * dropped, with the stage's id as the reason, when the score of one label is above a threshold. Two classifiers can
 * run in one chain under different ids.
 */
public final class ClassifierStage implements DocumentStage {
    /**
     * How a document becomes the model's input: cut to {@code maxChars} characters (0: whole), split into words with
     * Kuromoji and joined by spaces ({@code segment}), lower-cased; line breaks become spaces, since fastText
     * classifies one line.
     */
    public record Input(boolean segment, boolean lowercase, int maxChars) {
        public String of(String text) {
            String cut = maxChars > 0 && text.codePointCount(0, text.length()) > maxChars
                    ? text.substring(0, text.offsetByCodePoints(0, maxChars)) : text;
            String words = segment ? String.join(" ", MorphTokenizer.forCurrentThread().tokenize(cut).stream()
                    .map(MorphTokenizer.Token::surface).filter(s -> !s.isBlank()).toList()) : cut;
            String line = words.replace('\n', ' ');
            return lowercase ? line.toLowerCase(java.util.Locale.ROOT) : line;
        }
    }

    private final String id;
    private final FastTextModel model;
    private final Input input;
    private final List<String> labels;
    private final String dropLabel;
    private final double threshold;

    /**
     * @param labels the labels whose scores become signals (empty: every label of the model)
     * @param dropLabel the label whose score drops a document above {@code threshold}, or null: never dropped
     */
    public ClassifierStage(String id, FastTextModel model, Input input, List<String> labels, String dropLabel,
                           double threshold) {
        this.id = id;
        this.model = model;
        this.input = input;
        this.labels = labels.isEmpty() ? model.labels() : List.copyOf(labels);
        for (String label : this.labels) {
            if (!model.labels().contains(label)) {
                throw new IllegalArgumentException("the model has no label \"" + label + "\" (it has "
                        + model.labels() + ")");
            }
        }
        if (dropLabel != null && !model.labels().contains(dropLabel)) {
            throw new IllegalArgumentException("the model has no label \"" + dropLabel + "\" (it has "
                    + model.labels() + ")");
        }
        this.dropLabel = dropLabel;
        this.threshold = threshold;
    }

    @Override
    public Verdict apply(Document doc) {
        Map<String, Float> scores = new HashMap<>();
        for (FastTextModel.Prediction p : model.predict(input.of(doc.text()), model.labels().size())) {
            scores.put(p.label(), p.probability());
        }
        Map<String, Double> signals = new HashMap<>();
        for (String label : labels) {
            signals.put(signalName(id, label), (double) scores.getOrDefault(label, 0f));
        }
        Document scored = doc.withSignals(signals);
        return dropLabel != null && scores.getOrDefault(dropLabel, 0f) > threshold ? Verdict.drop(scored, id)
                : Verdict.keep(scored);
    }

    /** {@code toxicity-ft} and {@code __label__toxic} give {@code toxicity_ft_toxic}. */
    public static String signalName(String id, String label) {
        String bare = label.startsWith("__label__") ? label.substring("__label__".length()) : label;
        return (id + "_" + bare).replaceAll("[^A-Za-z0-9_]", "_");
    }
}
