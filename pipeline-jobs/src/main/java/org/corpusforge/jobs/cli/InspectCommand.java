package org.corpusforge.jobs.cli;

import org.corpusforge.jobs.local.LocalRecords;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.StageChain;
import org.corpusforge.jobs.base.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What corpusforge makes of some files, record by record, without Spark and without writing anything: the
 * format, the charset and how it was decided, and each record's fate under a configuration's stages.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Reads files as a run would and prints one JSON line per record: id, status, stage and reason, "
                + "charset and how it was decided, length and the start of the text. Without Spark; writes nothing.")
final class InspectCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "[FORMAT:]PATH", arity = "1..*", description = "Files, directories or globs.")
    List<String> inputs;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read as this configuration's run would (a file one of its inputs names with that entry's "
                    + "settings, any other with its input defaults) through its stages (default: read only).")
    Path config;

    @Option(names = "--chars", defaultValue = "80", paramLabel = "N",
            description = "Characters of text to print per record (default ${DEFAULT-VALUE}).")
    int chars;

    @Override
    public Integer call() throws Exception {
        if (chars < 0) {
            throw new UserError("--chars must be 0 or more, got " + chars);
        }
        // without a config, the records as read: no stage, and no global stage either
        org.corpusforge.jobs.PipelinePlan plan = config == null
                ? org.corpusforge.jobs.PipelinePlan.builder().inputs(inputs).build()
                : org.corpusforge.jobs.PipelinePlan.load(config, inputs, java.util.Map.of(), java.util.Map.of());
        CorpusConfig parsed = plan.config();
        StageChain chain = plan.chain();
        // a file the configuration's inputs name is read with its entry, as the run reads it
        List<InputFile> files = LocalRecords.asTheRunReadsThem(configuredInputs(), parsed);
        PrintWriter out = spec.commandLine().getOut();
        LocalRecords.readFiles(files, chain, true, (file, outcome) -> {
            out.println(JSON.writeValueAsString(describe(file, outcome)));
            return true;
        });
        out.flush();
        return 0;
    }

    /** The configuration's own inputs (none without one, or when it lists none: then every file takes the defaults). */
    private List<org.corpusforge.core.source.InputSpec> configuredInputs() {
        if (config == null) {
            return List.of();
        }
        try {
            return org.corpusforge.jobs.PipelinePlan.load(config, List.of(), java.util.Map.of(), java.util.Map.of())
                    .config().inputs();
        } catch (org.corpusforge.core.config.ConfigException e) {
            if (e.getMessage().contains("inputs: expected at least one input")) {
                return List.of(); // a configuration of defaults and stages alone: every file takes the defaults
            }
            throw e;
        }
    }

    private ObjectNode describe(InputFile file, Outcome o) {
        ObjectNode node = JSON.createObjectNode();
        node.put("file", file.uri());
        node.put("locator", o.provenance().locator());
        node.put("id", o.id());
        node.put("source", o.source().label());
        node.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
        node.put("stage", o.stage());
        node.put("reason", o.reason());
        if (o.status() == org.corpusforge.core.stage.Outcome.Status.DROPPED && o.detail() != null) {
            node.put("detail", o.detail()); // the measured value and the threshold it broke
        }
        Document d = o.document();
        if (d != null) {
            node.put("charset", d.metadata().attributes().get("charset"));
            node.put("charset_source", d.metadata().attributes().get("charset_source"));
            node.put("title", d.metadata().title());
            node.put("chars", d.text().codePointCount(0, d.text().length()));
            node.put("replacement_chars", d.text().chars().filter(c -> c == '\uFFFD').count());
            node.put("text", d.text().substring(0, d.text().offsetByCodePoints(0,
                    Math.min(chars, d.text().codePointCount(0, d.text().length())))));
        } else {
            node.put("detail", o.detail());
        }
        return node;
    }
}
