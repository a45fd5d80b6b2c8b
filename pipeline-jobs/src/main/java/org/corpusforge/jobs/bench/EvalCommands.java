package org.corpusforge.jobs.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code corpusforge eval NAME}: the evaluations behind EVALUATION.md (and the training of the shipped toxicity
 * model), kept apart from the commands a corpus is made and read with.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluations (EVALUATION.md): pii, decontam, toxicity, train-toxicity.",
        subcommands = {EvalPiiCommand.class, EvalDecontamCommand.class, EvalToxicityCommand.class,
                TrainToxicityCommand.class})
public final class EvalCommands implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name an evaluation: " + String.join(", ", spec.subcommands().keySet()));
    }
}
