package org.corpusforge.jobs.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.filters.classify.CppFloatFormat;
import org.corpusforge.filters.classify.FastTextModel;
import org.corpusforge.jobs.UserError;
import org.corpusforge.jobs.io.HadoopFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * fastText's {@code predict-prob FILE - K}, computed by corpusforge's own reader: one line of output per line of
 * standard input, the K most probable labels each followed by its probability, in fastText's format, so that anyone
 * can compare the two on their own model and text.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Reads lines on standard input and prints, per line, the top K labels of a fastText model with "
                + "their probabilities, exactly as `fasttext predict-prob FILE - K` prints them.")
final class ClassifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "A fastText supervised model (.bin or .ftz), any file system.")
    String model;

    @Option(names = "-k", defaultValue = "1", description = "Labels per line (default 1).")
    int k;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new UserError("-k: must be 1 or more, got " + k);
        }
        FastTextModel fastText;
        try (InputStream in = HadoopFiles.open(model, new Configuration())) {
            fastText = FastTextModel.read(in);
        } catch (java.io.IOException e) {
            throw new UserError("--model " + model + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        // lines end at \n only, as fastText reads them (\r is a space to it); a last line without one counts
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                out.println(predictions(fastText, line.toString(), true));
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        if (line.length() > 0) {
            out.println(predictions(fastText, line.toString(), false));
        }
        out.flush();
        return 0;
    }

    /** One line of predict-prob's output. */
    String predictions(FastTextModel fastText, String line, boolean endOfLine) {
        StringBuilder row = new StringBuilder();
        for (FastTextModel.Prediction p : fastText.predict(line, k, endOfLine)) {
            if (row.length() > 0) {
                row.append(' ');
            }
            row.append(p.label()).append(' ').append(CppFloatFormat.format(p.probability()));
        }
        return row.toString();
    }
}
