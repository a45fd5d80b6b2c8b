package org.corpusforge.jobs.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.jobs.RunReports;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Draws a finished corpus's run report (report.html) again from its manifest and report.json, "
                + "without Spark and without reading the shards. A run writes it already.")
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The output directory of a run.")
    String dir;

    @Override
    public Integer call() {
        String page = RunReports.rebuild(dir, new Configuration());
        spec.commandLine().getOut().println("corpusforge: report -> " + page);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
