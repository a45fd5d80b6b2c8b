package org.corpusforge.jobs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.config.TokenizerSpec;
import org.corpusforge.filters.tokenize.SubwordTokenizer;
import org.corpusforge.jobs.Tokenization;
import org.corpusforge.jobs.base.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Reads UTF-8 lines on standard input and prints each line's token ids, space-separated, one "
                + "line per input line (an empty line for an empty one). For debugging and equivalence checks.")
final class TokenizeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "A SentencePiece .model or a Hugging Face tokenizer.json (local path or URI).")
    String model;

    @Override
    public Integer call() throws IOException {
        SubwordTokenizer tokenizer = Tokenization.load(new TokenizerSpec(model, model, false), new Configuration(), "--model");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
        PrintWriter out = spec.commandLine().getOut();
        long lineNumber = 0;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                StringBuilder ids = new StringBuilder();
                for (int id : tokenizer.encode(line)) {
                    if (!ids.isEmpty()) {
                        ids.append(' ');
                    }
                    ids.append(id);
                }
                out.println(ids);
            }
        } catch (CharacterCodingException e) {
            throw new UserError("standard input line " + (lineNumber + 1) + ": not UTF-8");
        }
        out.flush();
        return 0;
    }
}
