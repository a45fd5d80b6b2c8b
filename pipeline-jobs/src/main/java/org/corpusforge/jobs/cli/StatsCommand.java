package org.corpusforge.jobs.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.OutputDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Summarises a finished corpus from its manifest (documents, tokens per source, shard balance, "
                + "tokenizer), without reading the shards and without Spark.")
final class StatsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The output directory of a run.")
    String dir;

    @Override
    public Integer call() {
        Manifest m = OutputDirectory.readManifest(dir, new Configuration());
        Manifest.Totals t = m.totals();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("corpus:      %s (run %s, %s, %s %s)%n", dir, m.runId(), m.finishedAt(), m.tool().name(),
                m.tool().version());
        if (m.resumedFrom() != null) {
            Manifest.ResumedFrom r = m.resumedFrom();
            out.printf("resumed:     from the checkpoint of run %s (%s): %,d input files in %,d units, %,d records"
                            + "; %,d shards reused%n", r.runId(), r.createdAt(),
                    r.units() == null ? 0 : r.units().stream().mapToInt(u -> u.inputs().size()).sum(),
                    r.units() == null ? 0 : r.units().size(), r.records(), r.shards() == null ? 0 : r.shards().size());
        }
        out.printf("documents:   %,d kept of %,d read; %,d dropped, %,d quarantined%n", t.kept(), t.recordsRead(),
                t.dropped(), t.quarantined());
        Manifest.ShardPlan plan = m.shardPlan();
        out.printf("shards:      %d, %,d bytes of Parquet, %,d bytes of text%n", t.shardCount(), t.shardBytes(),
                t.textBytes());
        if (plan != null) {
            out.printf("balance:     by %s, target %,d per shard, dp_size %d (%s), shuffle seed %d%n",
                    plan.unit().replace('_', ' '), plan.target(), plan.dpSize(),
                    plan.shards() % plan.dpSize() == 0 ? "a multiple" : "NOT a multiple: too few documents",
                    plan.shuffleSeed());
            out.printf("             smallest %,d, largest %,d, spread %s; %d documents placed whole%n",
                    plan.smallest(), plan.largest(),
                    plan.spread() == null ? "n/a (an empty shard)" : String.format("%.2f %%", plan.spread() * 100),
                    plan.documentsPlacedWhole());
        }
        if (m.tokenizer() == null) {
            out.println("tokenizer:   none (shards balanced by text bytes)");
        } else {
            Manifest.TokenizerInfo tok = m.tokenizer();
            out.printf("tokenizer:   %s (%s, %,d entries, sha256 %s)%n", tok.name(), tok.kind(), tok.vocabularySize(),
                    tok.sha256());
            out.printf("tokens:      %,d; by source: %s%n", t.tokens(), bySource(t.tokensBySource(), t.tokens()));
        }
        if (m.megatron() != null) {
            Manifest.Megatron mg = m.megatron();
            out.printf("megatron:    %s, %s tokens, %s, %d files%n", mg.layout(), mg.dtype(),
                    mg.eodId() == null ? "no end-of-document token" : "end of document " + mg.eodToken() + " (" + mg.eodId() + ")",
                    mg.files().size());
        }
        if (!t.droppedByReason().isEmpty()) {
            out.printf("dropped by:  %s%n", t.droppedByReason().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> e.getKey() + " " + String.format("%,d", e.getValue()))
                    .collect(Collectors.joining(", ")));
        }
        out.flush();
        return 0;
    }

    private static String bySource(Map<String, Long> tokens, long total) {
        return tokens.entrySet().stream()
                .map(e -> String.format("%s %,d (%.1f %%)", e.getKey(), e.getValue(),
                        total == 0 ? 0.0 : 100.0 * e.getValue() / total))
                .collect(Collectors.joining(", "));
    }
}
