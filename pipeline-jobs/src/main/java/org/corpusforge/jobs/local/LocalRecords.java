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
        readFiles(InputResolver.resolve(inputs, new Configuration()), chain, checksums, sink);
    }

    /** As {@link #read}, for files already resolved (each with the input entry it belongs to). */
    public static void readFiles(List<InputFile> files, StageChain chain, boolean checksums, Sink sink) throws Exception {
        Configuration conf = new Configuration();
        for (InputFile resolved : files) {
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
     * The evaluations' reading: the given paths through the {@code aozora} and {@code normalize} stages, the texts a
     * run would have at that point; a file whose start has Aozora Bunko's shape (its markup, ruby or notes, as the
     * {@code aozora} format recognises a text file) is read with its markup, as a book. Returns the chain, for side
     * text.
     */
    public static StageChain readNormalised(List<String> paths, Sink sink) throws Exception {
        org.corpusforge.jobs.PipelinePlan.Builder plan = org.corpusforge.jobs.PipelinePlan.builder();
        for (String path : paths) {
            plan.input(path, aozoraShaped(path) ? java.util.Map.of("markup", "aozora", "source", "book")
                    : java.util.Map.of());
        }
        org.corpusforge.jobs.PipelinePlan built = plan.stage("aozora").stage("normalize").build();
        read(built.config().inputs(), built.chain(), false, sink);
        return built.chain();
    }

    /** Whether the first file a path names begins with Aozora Bunko's shape, once decompressed. */
    private static boolean aozoraShaped(String path) throws Exception {
        Configuration conf = new Configuration();
        List<InputFile> files = InputResolver.resolve(List.of(org.corpusforge.jobs.PipelinePlan.builder()
                .inputs(List.of(path)).build().config().inputs().get(0)), conf);
        if (files.isEmpty()) {
            return false;
        }
        InputFile file = files.get(0);
        try (java.io.InputStream in = org.corpusforge.core.source.Compression.open(
                HadoopFiles.opener(file.uri(), conf, raw -> raw).open(), file.uri())) {
            byte[] head = in.readNBytes(org.corpusforge.core.source.Formats.SNIFF_BYTES);
            return org.corpusforge.core.source.InputFormats.get("aozora")
                    .hasShape(org.corpusforge.core.source.Formats.head(head, head.length));
        }
    }

    /**
     * The files the paths name, each read as the run would read it: a file that one of the configuration's
     * {@code inputs[]} entries names is that entry's (its source, markup, format, text unit, line pattern, limits:
     * the run's resolution of the entries, not a copy of it); any other with {@code input_defaults}. An entry that
     * does not resolve here (a cluster path) names no file.
     */
    public static List<InputFile> asTheRunReadsThem(List<InputSpec> configured,
                                                    org.corpusforge.core.config.CorpusConfig given) {
        Configuration conf = new Configuration();
        java.util.Map<String, InputFile> byUri = new java.util.HashMap<>();
        for (InputSpec entry : configured) {
            try {
                InputResolver.resolve(List.of(entry), conf).forEach(f -> byUri.putIfAbsent(f.uri(), f));
            } catch (org.corpusforge.jobs.base.UserError notHere) {
                // a path this machine does not have: it names none of the files given
            }
        }
        return InputResolver.resolve(given.inputs(), conf).stream().map(f -> byUri.getOrDefault(f.uri(), f)).toList();
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
