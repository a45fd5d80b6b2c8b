package org.corpusforge.jobs.bench;

import org.corpusforge.jobs.PipelinePlan;
import org.corpusforge.jobs.local.LocalRecords;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.StageChain;
import org.corpusforge.filters.toxicity.NgWordLexicon;
import org.corpusforge.filters.toxicity.ToxicityClassifier;
import org.corpusforge.filters.toxicity.ToxicityStage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "toxicity", mixinStandardHelpOptions = true,
        description = "Precision, recall, F1 and ROC AUC of the lexicon, the classifier and both combined on a labelled "
                + "file, and the share of a corpus each would drop.")
final class EvalToxicityCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "LABELLED", description = "Inspection AI CSV or RTP-LX JSONL.")
    java.nio.file.Path labelledFile;

    @Option(names = "--model", defaultValue = "builtin", description = "builtin, none or a model file.")
    String model;

    @Option(names = "--corpus", paramLabel = "PATH", description = "Aozora JSONL shards to measure the drop share on.")
    List<String> corpus = List.of();

    @Option(names = "--threshold", defaultValue = "0.5", description = "The lexicon's and its classifier's.")
    double threshold;

    @Option(names = "--classifiers", paramLabel = "CONFIG", description = "A corpusforge configuration: each of its "
            + "classifier stages (fastText or ONNX) is scored beside the lexicon on the labelled text as it is, by its "
            + "drop_label's score, at its own threshold.")
    java.nio.file.Path classifiers;

    @Option(names = "--segment", defaultValue = "kuromoji", description = "With --write-fasttext: none or kuromoji "
            + "(words joined by spaces).")
    String segment;

    @Option(names = "--split", defaultValue = "all", description = "all, train or test: the rows whose text's MD5 "
            + "ends in a byte below 51 (about 1 in 5) are test rows.")
    String split;

    @Option(names = "--write-fasttext", paramLabel = "FILE", description = "Writes the (split's) rows as fastText "
            + "training lines, __label__toxic or __label__clean and the prepared text, then stops.")
    java.nio.file.Path writeFastText;

    @Override
    public Integer call() throws Exception {
        LabelledTexts data = split(LabelledTexts.read(labelledFile));
        org.corpusforge.filters.classify.ClassifierStage.Input input =
                new org.corpusforge.filters.classify.ClassifierStage.Input(false, "kuromoji".equals(segment), false, 0,
                        true);
        if (writeFastText != null) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < data.texts().size(); i++) {
                lines.add((data.labels().get(i) ? "__label__toxic " : "__label__clean ") + input.of(data.texts().get(i)));
            }
            java.nio.file.Files.write(writeFastText, lines);
            spec.commandLine().getOut().printf("%d training lines (%d toxic) in %s%n", lines.size(),
                    data.labels().stream().filter(b -> b).count(), writeFastText);
            return 0;
        }
        NgWordLexicon lexicon = NgWordLexicon.builtIn();
        ToxicityClassifier classifier = ToxicityModels.load(model);
        ToxicityStage lexiconOnly = new ToxicityStage(lexicon, null, 0.05, threshold);
        ToxicityStage combined = new ToxicityStage(lexicon, classifier, 0.05, threshold);
        PrintWriter out = spec.commandLine().getOut();
        long toxic = data.labels().stream().filter(b -> b).count();
        out.printf("%s: %d texts, %d toxic; threshold %.2f%n", labelledFile.getFileName(), data.texts().size(), toxic,
                threshold);
        List<String> corpusTexts = corpus.isEmpty() ? List.of() : corpusTexts();
        List<Scorer> scorers = new ArrayList<>(List.of(
                new Scorer("lexicon", t -> lexiconOnly.score(t).get("toxicity_score"), threshold),
                new Scorer("classifier", t -> classifier == null ? 0.0 : classifier.probability(t), threshold),
                new Scorer("combined", t -> combined.score(t).get("toxicity_score"), threshold)));
        scorers.addAll(configuredClassifiers());
        for (Scorer scorer : scorers) {
            double[] scores = data.texts().stream().mapToDouble(scorer.score()).toArray();
            double[] measured = metrics(scores, data.labels(), scorer.threshold());
            String share = "";
            if (!corpusTexts.isEmpty()) {
                long dropped = corpusTexts.stream()
                        .filter(t -> scorer.score().applyAsDouble(t) >= scorer.threshold()).count();
                share = String.format(", drops %d of %d corpus documents (%.2f %%)", dropped, corpusTexts.size(),
                        100.0 * dropped / corpusTexts.size());
            }
            out.printf("%-10s precision %.4f recall %.4f f1 %.4f auc %.4f%s%n", scorer.name(), measured[0],
                    measured[1], measured[2], measured[3], share);
        }
        // the last line is the combined filter as shipped, whatever else was scored
        double[] shipped = metrics(data.texts().stream().mapToDouble(t -> combined.score(t).get("toxicity_score"))
                .toArray(), data.labels(), threshold);
        out.printf("f1=%.4f precision=%.4f recall=%.4f auc=%.4f%n", shipped[2], shipped[0], shipped[1], shipped[3]);
        out.flush();
        return 0;
    }

    /** The rows of --split: test rows are those whose text's MD5 ends in a byte below 51. */
    private LabelledTexts split(LabelledTexts all) throws Exception {
        if (split.equals("all")) {
            return all;
        }
        if (!split.equals("train") && !split.equals("test")) {
            throw new org.corpusforge.jobs.base.UserError("--split: all, train or test, not " + split);
        }
        List<String> texts = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int i = 0; i < all.texts().size(); i++) {
            byte[] md5 = java.security.MessageDigest.getInstance("MD5")
                    .digest(all.texts().get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            boolean test = (md5[15] & 0xFF) < 51;
            if (test == split.equals("test")) {
                texts.add(all.texts().get(i));
                labels.add(all.labels().get(i));
            }
        }
        return new LabelledTexts(texts, labels);
    }

    /** A way of scoring a text, and the score at and above which it calls the text toxic. */
    private record Scorer(String name, ToDoubleFunction<String> score, double threshold) {}

    /** The classifier stages of --classifiers, each scoring by its drop label, at its threshold. */
    private List<Scorer> configuredClassifiers() {
        if (classifiers == null) {
            return List.of();
        }
        List<Scorer> scorers = new ArrayList<>();
        for (org.corpusforge.core.stage.NamedStage named : PipelinePlan.load(classifiers, List.of(), Map.of(), Map.of()).chain()
                .stages()) {
            if (named.stage() instanceof org.corpusforge.filters.classify.ClassifierStage stage
                    && stage.dropSignal() != null) {
                scorers.add(new Scorer(named.name(), t -> stage.apply(new org.corpusforge.core.model.Document("t", t,
                        org.corpusforge.core.model.SourceKind.WEB, new org.corpusforge.core.model.Provenance("t",
                        "t", null), null)).document().signals().get(stage.dropSignal()), stage.threshold()));
            }
        }
        if (scorers.isEmpty()) {
            throw new org.corpusforge.jobs.base.UserError("--classifiers " + classifiers
                    + ": no classifier stage with a drop_label");
        }
        return scorers;
    }

    /** precision, recall, F1 at the threshold, and ROC AUC (ties count half). */
    private double[] metrics(double[] scores, List<Boolean> labels, double threshold) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predicted = scores[i] >= threshold;
            if (predicted && labels.get(i)) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (labels.get(i)) {
                fn++;
            }
        }
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double pairs = 0;
        double wins = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!labels.get(i)) {
                continue;
            }
            for (int j = 0; j < scores.length; j++) {
                if (labels.get(j)) {
                    continue;
                }
                pairs++;
                wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        return new double[] {precision, recall, f1, pairs == 0 ? 0 : wins / pairs};
    }

    private List<String> corpusTexts() throws Exception {
        PipelinePlan plan = PipelinePlan.builder().inputDefaults(java.util.Map.of("markup", "aozora", "source", "book"))
                .inputs(corpus).stage("aozora").stage("normalize").build();
        CorpusConfig config = plan.config();
        StageChain chain = plan.chain();
        List<String> texts = new ArrayList<>();
        LocalRecords.read(config.inputs(), chain, false, (file, o) -> {
            if (o.status() == Outcome.Status.KEPT) {
                texts.add(o.document().text());
            }
            return true;
        });
        return texts;
    }
}
