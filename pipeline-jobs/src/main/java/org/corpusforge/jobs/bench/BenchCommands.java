package org.corpusforge.jobs.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code corpusforge bench NAME}: the benchmarks behind BENCHMARKS.md, kept apart from the commands a corpus is made
 * and read with. They use the product's classes; nothing in the product uses them.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks (BENCHMARKS.md): pipeline, stages, tokenize, dedup, search.",
        subcommands = {BenchPipelineCommand.class, BenchStagesCommand.class, BenchTokenizeCommand.class,
                BenchDedupCommand.class, BenchSearchCommand.class})
public final class BenchCommands implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a benchmark: " + String.join(", ", spec.subcommands().keySet()));
    }
}
