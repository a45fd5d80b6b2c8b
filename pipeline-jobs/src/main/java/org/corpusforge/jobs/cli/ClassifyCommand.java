package org.corpusforge.jobs.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.filters.classify.CppFloatFormat;
import org.corpusforge.filters.classify.FastTextModel;
import org.corpusforge.jobs.base.UserError;
import org.corpusforge.jobs.io.HadoopFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * fastText's {@code predict-prob FILE - K}, computed by corpusforge's own reader: one line of output per line of
 * standard input, the K most probable labels each followed by its probability, in fastText's format, so that anyone
 * can compare the two on their own model and text. With {@code --tokenizer}, an ONNX classifier's logits per JSON
 * line, as scripts/onnx-reference.py prints Python's.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Reads lines on standard input and prints, per line, the top K labels of a fastText model with "
                + "their probabilities, exactly as `fasttext predict-prob FILE - K` prints them.",
                "With --tokenizer, the model is an ONNX classifier: standard input holds JSON lines {\"text\": ...} "
                + "and each gets a JSON list of the model's logits, as the classifier stage computes them (in batches) "
                + "and as scripts/onnx-reference.py prints Python's ONNX Runtime's."})
final class ClassifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "A fastText supervised model (.bin or .ftz), any file system.")
    String model;

    @Option(names = "-k", defaultValue = "1", description = "Labels per line (default 1).")
    int k;

    @Option(names = "--tokenizer", description = "An ONNX model's Hugging Face tokenizer.json: --model is ONNX.")
    String tokenizer;

    @Option(names = "--max-tokens", defaultValue = "512", description = "ONNX: tokens per text, special ones included "
            + "(default 512).")
    int maxTokens;

    @Option(names = "--batch", defaultValue = "16", description = "ONNX: texts per run of the model (default 16).")
    int batch;

    @Override
    public Integer call() throws Exception {
        if (tokenizer != null) {
            return onnx();
        }
        if (k < 1) {
            throw new UserError("-k: must be 1 or more, got " + k);
        }
        long started = System.nanoTime();
        FastTextModel fastText;
        try (InputStream in = new java.io.ByteArrayInputStream(
                HadoopFiles.readRegularFile(model, new Configuration(), HadoopFiles.MAX_MODEL_BYTES))) {
            fastText = FastTextModel.read(in);
        } catch (java.io.IOException e) {
            throw new UserError("--model " + model + ": " + e.getMessage());
        }
        // not the command line's writer, which flushes every line
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(spec.commandLine().getOut(), 1 << 16), false);
        long loaded = System.nanoTime();
        // lines end at \n only, as fastText reads them (\r is a space to it); a last line without one counts; bytes
        // as they come, so that text that is not UTF-8 is hashed as fastText hashes it
        InputStream in = System.in;
        byte[] chunk = new byte[1 << 16];
        byte[] line = new byte[1 << 12];
        int length = 0;
        long lines = 0;
        long bytes = 0;
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            for (int i = 0; i < n; i++) {
                byte c = chunk[i];
                if (c == '\n') {
                    out.println(predictions(fastText, line, length, true));
                    bytes += length + 1;
                    lines++;
                    length = 0;
                } else {
                    if (length == line.length) {
                        line = java.util.Arrays.copyOf(line, length * 2);
                    }
                    line[length++] = c;
                }
            }
        }
        if (length > 0) {
            out.println(predictions(fastText, line, length, false));
            bytes += length;
            lines++;
        }
        out.flush();
        long done = System.nanoTime();
        // on standard error, so that standard output stays predict-prob's
        spec.commandLine().getErr().printf("classify: model read in %.2f s; %d lines, %.1f MB, classified in %.2f s "
                + "(%.1f MB/s)%n", (loaded - started) / 1e9, lines, bytes / 1e6, (done - loaded) / 1e9,
                bytes / 1e6 / ((done - loaded) / 1e9));
        return 0;
    }

    /** One line of predict-prob's output. */
    String predictions(FastTextModel fastText, byte[] line, int length, boolean endOfLine) {
        StringBuilder row = new StringBuilder();
        for (FastTextModel.Prediction p : fastText.predict(line, 0, length, k, endOfLine)) {
            if (row.length() > 0) {
                row.append(' ');
            }
            row.append(p.label()).append(' ').append(CppFloatFormat.format(p.probability()));
        }
        return row.toString();
    }

    /** The ONNX model's logits for each JSON line of standard input, in batches. */
    private int onnx() throws Exception {
        if (maxTokens < 2 || batch < 1) {
            throw new UserError("--max-tokens must be 2 or more and --batch 1 or more, got " + maxTokens + " and "
                    + batch);
        }
        long started = System.nanoTime();
        org.corpusforge.filters.classify.OnnxModel onnx;
        Configuration conf = new Configuration();
        try {
            onnx = new org.corpusforge.filters.classify.OnnxModel(
                    HadoopFiles.readRegularFile(model, conf, HadoopFiles.MAX_MODEL_BYTES),
                    HadoopFiles.readRegularFile(tokenizer, conf, HadoopFiles.MAX_MODEL_BYTES), maxTokens);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new UserError("--model " + model + " --tokenizer " + tokenizer + ": " + e.getMessage());
        }
        long loaded = System.nanoTime();
        PrintWriter out = new PrintWriter(new java.io.BufferedWriter(spec.commandLine().getOut(), 1 << 16), false);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
        java.util.List<String> texts = new java.util.ArrayList<>();
        long count = 0;
        int number = 0;
        for (String line = lines.readLine(); ; line = lines.readLine()) {
            if (line != null) {
                number++;
                try {
                    texts.add(json.readTree(line).get("text").asText());
                } catch (java.io.IOException | NullPointerException e) {
                    throw new UserError("standard input line " + number + ": not a JSON object with \"text\"");
                }
            }
            if (texts.size() == batch || line == null && !texts.isEmpty()) {
                for (float[] logits : onnx.logits(texts)) {
                    StringBuilder row = new StringBuilder("[");
                    for (int i = 0; i < logits.length; i++) {
                        row.append(i > 0 ? ", " : "").append(logits[i]);
                    }
                    out.println(row.append(']'));
                }
                count += texts.size();
                texts.clear();
            }
            if (line == null) {
                break;
            }
        }
        out.flush();
        long done = System.nanoTime();
        spec.commandLine().getErr().printf("classify: model read in %.2f s; %d texts classified in %.2f s (%.1f texts/s,"
                + " batches of %d, at most %d tokens)%n", (loaded - started) / 1e9, count, (done - loaded) / 1e9,
                count / ((done - loaded) / 1e9), batch, maxTokens);
        onnx.close();
        return 0;
    }
}
