package org.corpusforge.jobs.local;

import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.source.InputSpec;
import org.corpusforge.core.source.FileRecords;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.StageChain;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.io.InputResolver;

/**
 * Reads inputs in this JVM, without Spark, exactly as a run's tasks do, and passes every record through a stage
 * chain: the shared loop of the commands that look at data locally (inspect, bench-stages, the evaluations).
 */
public final class LocalRecords {
    /** Receives each record's outcome; returns false to stop reading. */
    public interface Sink {
        boolean accept(InputFile file, Outcome outcome) throws Exception;
    }

    private LocalRecords() {}

    /** @param checksums whether to compute each file's SHA-256 first (a second read), as a run records it */
    public static void read(List<InputSpec> inputs, StageChain chain, boolean checksums, Sink sink) throws Exception {
        Configuration conf = new Configuration();
        for (InputFile resolved : InputResolver.resolve(inputs, conf)) {
            InputFile file = checksums ? HadoopFiles.checksummed(resolved, conf) : resolved;
            Iterator<Outcome> outcomes = chain.processAll(
                    FileRecords.readOrQuarantine(file, HadoopFiles.opener(file.uri(), conf, in -> in)));
            while (outcomes.hasNext()) {
                if (!sink.accept(file, outcomes.next())) {
                    return;
                }
            }
        }
    }

    /**
     * The evaluations' reading: the given paths (Aozora's with their markup, as books), through the {@code aozora} and
     * {@code normalize} stages, the texts a run would have at that point. Returns the chain, for side text.
     */
    public static StageChain readNormalised(List<String> paths, Sink sink) throws Exception {
        StringBuilder yaml = new StringBuilder("inputs:\n");
        for (String path : paths) {
            yaml.append("  - {path: '").append(path.replace("'", "''")).append('\'')
                    .append(path.contains("aozora") ? ", markup: aozora, source: book" : "").append("}\n");
        }
        org.corpusforge.jobs.PipelinePlan plan = org.corpusforge.jobs.PipelinePlan.parse(
                yaml + "stages: [{name: aozora}, {name: normalize}]\n");
        StageChain chain = plan.chain();
        read(plan.config().inputs(), chain, false, sink);
        return chain;
    }

    /** The documents the chain keeps, in input order, until they hold {@code maxBytes} of UTF-8 text. */
    public static List<org.corpusforge.core.model.Document> keptDocuments(List<InputSpec> inputs, StageChain chain,
                                                                   long maxBytes) throws Exception {
        List<org.corpusforge.core.model.Document> docs = new java.util.ArrayList<>();
        long[] read = {0};
        read(inputs, chain, false, (file, o) -> {
            if (o.status() == org.corpusforge.core.stage.Outcome.Status.KEPT) {
                docs.add(o.document());
                read[0] += o.document().textUtf8Bytes();
            }
            return read[0] < maxBytes;
        });
        return docs;
    }
}
