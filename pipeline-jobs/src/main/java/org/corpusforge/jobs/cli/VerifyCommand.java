package org.corpusforge.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.CorpusVerifier;
import org.corpusforge.jobs.DedupRecheck;
import org.corpusforge.jobs.OutputDirectory;
import org.corpusforge.jobs.base.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks a finished corpus against its manifest: every file's size, SHA-256 and row count, "
                + "that the accounting adds up, the token counts, and the Megatron files against the shards. "
                + "Exit 0 when all holds, 1 with one line per problem otherwise.")
final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The output directory of a run.")
    String dir;

    @CommandLine.Option(names = "--retokenize", paramLabel = "N",
            description = "Also tokenise the first N documents of every shard again (0: all) with the model the "
                    + "manifest names (its SHA-256 must match) and compare with token_count and token_ids.")
    Integer retokenize;

    @CommandLine.Option(names = "--dedup-sample", paramLabel = "N", defaultValue = "100",
            description = "Re-measure N of the drops dedup recorded (a seeded choice; 0: all) from the shards and the "
                    + "inputs, read again through the run's stages from the current directory; a similarity that "
                    + "differs from the record or falls below min_jaccard fails (default: ${DEFAULT-VALUE}).")
    int dedupSample;

    @Override
    public Integer call() throws java.io.IOException {
        Configuration conf = new Configuration();
        if (retokenize != null && retokenize < 0) {
            throw new UserError("--retokenize must be 0 (all) or more, got " + retokenize);
        }
        if (dedupSample < 0) {
            throw new UserError("--dedup-sample must be 0 (all) or more, got " + dedupSample);
        }
        List<String> problems = new java.util.ArrayList<>(CorpusVerifier.problems(dir, conf));
        DedupRecheck.Result dedup = problems.isEmpty() ? DedupRecheck.recheck(dir, dedupSample, conf) : null;
        if (dedup != null) {
            problems.addAll(dedup.problems());
        }
        if (retokenize != null) {
            problems.addAll(CorpusVerifier.retokenizeProblems(dir, retokenize, conf));
        }
        if (!problems.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            problems.forEach(p -> err.println("verify: " + p));
            err.flush();
            return 1;
        }
        Manifest m = OutputDirectory.readManifest(dir, conf);
        spec.commandLine().getOut().printf("verify: OK: %d shards, %d documents%s%s, %d quarantined, accounting adds up%s%n",
                m.shards().size(), m.totals().kept(),
                m.rehydration() == null ? "" : " (and " + m.rehydration().copiesAdded() + " rehydrated copies)",
                m.totals().tokens() == null ? "" : ", " + m.totals().tokens() + " tokens",
                m.totals().quarantined(),
                (m.megatron() == null ? "" : ", " + m.megatron().files().size() + " Megatron files match the shards")
                        + (retokenize == null ? "" : ", token counts equal the tokenizer's")
                        + (dedup == null ? "" : ", " + dedup.remeasured() + " of " + dedup.sampled()
                                + " sampled dedup drops re-measured at or above min_jaccard"
                                + (dedup.unavailable().isEmpty() ? "" : " (not re-measurable: " + dedup.unavailable()
                                        + ")")));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
