package org.corpusforge.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.CorpusVerifier;
import org.corpusforge.jobs.OutputDirectory;
import org.corpusforge.jobs.UserError;
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

    @Override
    public Integer call() {
        Configuration conf = new Configuration();
        if (retokenize != null && retokenize < 0) {
            throw new UserError("--retokenize must be 0 (all) or more, got " + retokenize);
        }
        List<String> problems = new java.util.ArrayList<>(CorpusVerifier.problems(dir, conf));
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
                        + (retokenize == null ? "" : ", token counts equal the tokenizer's"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
