package org.corpusforge.filters.classify;

import org.corpusforge.core.config.ConfigNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Verdict;
import org.corpusforge.filters.text.MorphTokenizer;

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

    /** The files the stage reads: its model, and an ONNX model's tokenizer.json. */
    public static List<org.corpusforge.filters.kind.SideFile> files(ConfigNode settings) {
        List<org.corpusforge.filters.kind.SideFile> files = new ArrayList<>();
        for (String key : List.of("model", "tokenizer")) {
            String location = settings.string(key, null);
            if (location != null) {
                files.add(new org.corpusforge.filters.kind.SideFile(key, location, true));
            }
        }
        return files;
    }

    /**
     * A fastText model (kind fasttext: its labels, or those listed, as probabilities) or an ONNX transformer with
     * its tokenizer.json (kind onnx: {@code labels} name its output columns in order; probabilities or logits).
     */
    public static ClassifierStage fromSettings(ConfigNode p) {
        String kind = p.choice("kind", "fasttext", "fasttext", "onnx");
        String model = p.requireString("model");
        String id = p.string("id", "classifier");
        boolean fastText = kind.equals("fasttext");
        ClassifierStage.Input input =
                new ClassifierStage.Input(p.bool("nfkc", false),
                        "kuromoji".equals(p.choice("segment", "none", "none", "kuromoji")),
                        p.bool("lowercase", false), p.intValue("max_chars", 0, 0, Integer.MAX_VALUE), fastText);
        String dropLabel = p.string("drop_label", null);
        try {
            if (fastText) {
                return new ClassifierStage(id,
                        new FastTextClassifier(
                                ClassifierModels.fastText(model)),
                        input, p.stringList("labels", List.of()), dropLabel,
                        p.doubleValue("threshold", 0.5, 0.0, 1.0), 1);
            }
            String tokenizer = p.requireString("tokenizer");
            List<String> labels = p.stringList("labels");
            if (labels.isEmpty()) {
                throw new org.corpusforge.core.config.ConfigException(p.path() + ".labels: name the model's output columns, in order");
            }
            boolean logits = "logit".equals(p.choice("output", "probability", "probability", "logit"));
            double threshold = logits ? p.doubleValue("threshold", 0.0, -Double.MAX_VALUE, Double.MAX_VALUE)
                    : p.doubleValue("threshold", 0.5, 0.0, 1.0);
            int maxTokens = p.intValue("max_tokens", 512, 2, 1 << 20);
            int batchSize = p.intValue("batch_size", 8, 1, 1024);
            OnnxModel onnx;
            try {
                onnx = ClassifierModels.onnx(model, tokenizer, maxTokens);
            } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
                throw new org.corpusforge.core.config.ConfigException(p.path() + ".model: cannot use \"" + model + "\" with tokenizer \""
                        + tokenizer + "\": " + e.getMessage());
            }
            return new ClassifierStage(id,
                    new OnnxClassifier(onnx, labels, logits
                            ? OnnxClassifier.Output.LOGIT
                            : OnnxClassifier.Output.PROBABILITY),
                    input, List.of(), dropLabel, threshold, batchSize);
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            throw new org.corpusforge.core.config.ConfigException(p.path() + ".model: cannot use \"" + model + "\": " + e.getMessage());
        }
    }

    /** The {@code classifier} stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends org.corpusforge.filters.kind.DocumentStageType {
        public Type() {
            super("classifier", ClassifierStage::fromSettings);
            readsFiles(ClassifierStage::files);
        }
    }
}
