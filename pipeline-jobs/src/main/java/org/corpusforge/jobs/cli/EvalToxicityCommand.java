package org.corpusforge.jobs.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.StageChain;
import org.corpusforge.filters.StageCatalog;
import org.corpusforge.filters.toxicity.NgWordLexicon;
import org.corpusforge.filters.toxicity.ToxicityClassifier;
import org.corpusforge.filters.toxicity.ToxicityStage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "eval-toxicity", mixinStandardHelpOptions = true,
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

    @Option(names = "--threshold", defaultValue = "0.5")
    double threshold;

    @Override
    public Integer call() throws Exception {
        LabelledTexts data = LabelledTexts.read(labelledFile);
        NgWordLexicon lexicon = NgWordLexicon.builtIn();
        ToxicityClassifier classifier = ToxicityModels.load(model);
        ToxicityStage lexiconOnly = new ToxicityStage(lexicon, null, 0.05, threshold);
        ToxicityStage combined = new ToxicityStage(lexicon, classifier, 0.05, threshold);
        PrintWriter out = spec.commandLine().getOut();
        long toxic = data.labels().stream().filter(b -> b).count();
        out.printf("%s: %d texts, %d toxic; threshold %.2f%n", labelledFile.getFileName(), data.texts().size(), toxic,
                threshold);
        List<String> corpusTexts = corpus.isEmpty() ? List.of() : corpusTexts();
        double[] last = null;
        for (var method : List.<Map.Entry<String, ToDoubleFunction<String>>>of(
                Map.entry("lexicon", t -> lexiconOnly.score(t).get("toxicity_score")),
                Map.entry("classifier", t -> classifier == null ? 0.0 : classifier.probability(t)),
                Map.entry("combined", t -> combined.score(t).get("toxicity_score")))) {
            double[] scores = data.texts().stream().mapToDouble(method.getValue()).toArray();
            last = metrics(scores, data.labels());
            String share = "";
            if (!corpusTexts.isEmpty()) {
                long dropped = corpusTexts.stream().filter(t -> method.getValue().applyAsDouble(t) >= threshold).count();
                share = String.format(", drops %d of %d corpus documents (%.2f %%)", dropped, corpusTexts.size(),
                        100.0 * dropped / corpusTexts.size());
            }
            out.printf("%-10s precision %.4f recall %.4f f1 %.4f auc %.4f%s%n", method.getKey(), last[0], last[1],
                    last[2], last[3], share);
        }
        out.printf("f1=%.4f precision=%.4f recall=%.4f auc=%.4f%n", last[2], last[0], last[1], last[3]);
        out.flush();
        return 0;
    }

    /** precision, recall, F1 at the threshold, and ROC AUC (ties count half). */
    private double[] metrics(double[] scores, List<Boolean> labels) {
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
        CorpusConfig config = CorpusConfig.parse("input_defaults: {markup: aozora, source: book}\ninputs: [{path: x}]\n"
                + "stages: [{name: aozora}, {name: normalize}]\n", corpus);
        StageChain chain = StageCatalog.build(config.stageNodes());
        config.finish();
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
