package org.corpusforge.jobs.bench;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.corpusforge.filters.toxicity.ToxicityClassifier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train-toxicity", mixinStandardHelpOptions = true,
        description = "Trains the toxicity classifier (hashed character 1-3-grams, logistic regression) on labelled "
                + "CSV (Inspection AI form) or JSONL (RTP-LX form, or text + label) and writes the model file.")
final class TrainToxicityCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "LABELLED")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "MODEL")
    Path out;

    @Option(names = "--epochs", defaultValue = "20")
    int epochs;

    @Option(names = "--seed", defaultValue = "20261122")
    long seed;

    @Override
    public Integer call() throws Exception {
        LabelledTexts labelled = LabelledTexts.read(data);
        ToxicityClassifier model = ToxicityClassifier.train(labelled.texts(), labelled.labels(), epochs, seed);
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            model.save(w);
        }
        spec.commandLine().getOut().printf("trained on %d texts (%d toxic), %d epochs -> %s%n", labelled.texts().size(),
                labelled.labels().stream().filter(b -> b).count(), epochs, out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
