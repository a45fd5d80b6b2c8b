package org.corpusforge.jobs;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.jobs.cli.Main;
import picocli.CommandLine;

/** Helpers shared by the Spark tests: run the job or the command line in this JVM, read results back. */
final class Runs {
    private Runs() {}

    /** The repository root (surefire passes it; the tests run with it as working directory). */
    static Path repo() {
        return Path.of(System.getProperty("corpusforge.repo", "..")).toAbsolutePath().normalize();
    }

    static PipelinePlan config(String yaml) {
        return PipelinePlan.parse(yaml);
    }

    static Manifest run(String yaml, Path out, int parallelism) {
        return CorpusJob.run(SharedSpark.session(), new RunOptions(config(yaml), out.toString(), false, parallelism));
    }

    /** The result of one command line: exit code, standard output and standard error. */
    record Cli(int exit, String out, String err) {
        List<String> errLines() {
            return Arrays.stream(err.split("\n")).filter(l -> !l.isBlank()).toList();
        }
    }

    static Cli cli(String... args) {
        SharedSpark.session(); // commands must reuse the test session, never start or stop their own
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    static byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    static byte[] bytesUnchecked(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> problems(Path out) {
        return CorpusVerifier.problems(out.toString(), new Configuration());
    }

    static List<Path> files(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                s.sorted().forEach(files::add);
            }
        }
        return files;
    }
}
