package org.corpusforge.jobs.cli;

import org.corpusforge.jobs.base.CorpusDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.OutputDirectory;
import org.corpusforge.jobs.base.UserError;
import org.corpusforge.jobs.io.ParquetJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Prints documents of a finished corpus as JSON lines with all columns, in shard order, "
                + "without Spark.")
final class ShowCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The output directory of a run.")
    String dir;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "Documents to print (default ${DEFAULT-VALUE}; 0 prints all).")
    long limit;

    @Override
    public Integer call() throws IOException {
        if (limit < 0) {
            throw new UserError("--limit must be 0 (all) or more, got " + limit);
        }
        Configuration conf = new Configuration();
        Manifest manifest = OutputDirectory.readManifest(dir, conf);
        PrintWriter out = spec.commandLine().getOut();
        long remaining = limit;
        for (Manifest.FileEntry shard : manifest.shards()) {
            long printed;
            try {
                printed = ParquetJson.forEachRow(CorpusDirectory.of(dir).resolve(shard.path()), conf,
                        limit == 0 ? 0 : remaining, row -> out.println(row.toString()));
            } catch (IOException | RuntimeException e) {
                out.flush();
                spec.commandLine().getErr().println("corpusforge: error: " + shard.path() + " cannot be read ("
                        + Main.summary(e) + "); run verify " + dir);
                return Main.FAILURE;
            }
            if (limit > 0) {
                remaining -= printed;
                if (remaining <= 0) {
                    break;
                }
            }
        }
        out.flush();
        return 0;
    }
}
