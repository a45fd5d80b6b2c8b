package org.corpusforge.filters.classify;

import java.text.Normalizer;
import java.util.ArrayList;
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
 * run in one chain under different ids. The model is a fastText model or an ONNX transformer
 * ({@link TextClassifier}); the chain hands this stage {@code batchSize} documents at a time.
 */
public final class ClassifierStage implements DocumentStage {
    /**
     * How a document becomes the model's input: cut to {@code maxChars} characters (0: whole), NFKC-normalised,
     * split into words with Kuromoji and joined by spaces ({@code segment}), lower-cased, and made one line (line
     * breaks become spaces) for a model that classifies lines, as fastText does.
     */
    public record Input(boolean nfkc, boolean segment, boolean lowercase, int maxChars, boolean oneLine) {
        public String of(String text) {
            String cut = maxChars > 0 && text.codePointCount(0, text.length()) > maxChars
                    ? text.substring(0, text.offsetByCodePoints(0, maxChars)) : text;
            String normal = nfkc ? Normalizer.normalize(cut, Normalizer.Form.NFKC) : cut;
            String words = segment ? String.join(" ", MorphTokenizer.forCurrentThread().tokenize(normal).stream()
                    .map(MorphTokenizer.Token::surface).filter(s -> !s.isBlank()).toList()) : normal;
            String line = oneLine ? words.replace('\n', ' ') : words;
            return lowercase ? line.toLowerCase(java.util.Locale.ROOT) : line;
        }
    }

    private final String id;
    private final TextClassifier classifier;
    private final Input input;
    private final int[] signalColumns;
    private final int dropColumn;
    private final double threshold;
    private final int batchSize;

    /**
     * @param labels the labels whose scores become signals (empty: every label of the model)
     * @param dropLabel the label whose score drops a document above {@code threshold}, or null: never dropped
     * @throws IllegalArgumentException naming a label the model does not have
     */
    public ClassifierStage(String id, TextClassifier classifier, Input input, List<String> labels, String dropLabel,
                           double threshold, int batchSize) {
        this.id = id;
        this.classifier = classifier;
        this.input = input;
        List<String> signalled = labels.isEmpty() ? classifier.labels() : labels;
        this.signalColumns = signalled.stream().mapToInt(this::column).toArray();
        this.dropColumn = dropLabel == null ? -1 : column(dropLabel);
        this.threshold = threshold;
        this.batchSize = batchSize;
    }

    private int column(String label) {
        int column = classifier.labels().indexOf(label);
        if (column < 0) {
            throw new IllegalArgumentException("the model has no label \"" + label + "\" (it has "
                    + classifier.labels() + ")");
        }
        return column;
    }

    /** The signal a document is dropped by, or null: this stage never drops. */
    public String dropSignal() {
        return dropColumn < 0 ? null : signalName(id, classifier.labels().get(dropColumn));
    }

    /** The score of the drop label above which a document is dropped. */
    public double threshold() {
        return threshold;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public Verdict apply(Document doc) {
        return applyAll(List.of(doc)).get(0);
    }

    @Override
    public List<Verdict> applyAll(List<Document> docs) {
        List<double[]> scores = classifier.scores(docs.stream().map(d -> input.of(d.text())).toList());
        List<Verdict> verdicts = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            double[] row = scores.get(i);
            Map<String, Double> signals = new HashMap<>();
            for (int column : signalColumns) {
                signals.put(signalName(id, classifier.labels().get(column)), row[column]);
            }
            Document scored = docs.get(i).withSignals(signals);
            verdicts.add(dropColumn >= 0 && row[dropColumn] > threshold
                    ? Verdict.drop(scored, id, signalName(id, classifier.labels().get(dropColumn)), row[dropColumn], ">",
                    threshold)
                    : Verdict.keep(scored));
        }
        return verdicts;
    }

    /** {@code toxicity-ft} and {@code __label__toxic} give {@code toxicity_ft_toxic}. */
    public static String signalName(String id, String label) {
        String bare = label.startsWith("__label__") ? label.substring("__label__".length()) : label;
        return (id + "_" + bare).replaceAll("[^A-Za-z0-9_]", "_");
    }
}
