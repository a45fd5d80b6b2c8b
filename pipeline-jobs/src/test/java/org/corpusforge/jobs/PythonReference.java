package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's python3 with python3-sentencepiece and python3-numpy: the reference implementation for the equivalence
 * and Megatron reader tests. CI installs them (.ci/run) and sets CORPUSFORGE_REQUIRE_PYTHON=1, which turns their
 * absence into a failure; elsewhere the tests that need them are skipped with a message saying why.
 */
final class PythonReference {
    private static final List<String> CANDIDATES = List.of("/usr/bin/python3", "python3");
    private static String interpreter;

    private PythonReference() {}

    static synchronized String interpreter() {
        if (interpreter == null) {
            for (String candidate : CANDIDATES) {
                try {
                    if (run(List.of(candidate, "-c", "import sentencepiece, numpy"), null).exit() == 0) {
                        interpreter = candidate;
                        break;
                    }
                } catch (IOException e) {
                    // not installed under this name
                }
            }
            if (interpreter == null) {
                String why = "no python3 with sentencepiece and numpy (apt-get install python3-sentencepiece python3-numpy)";
                if (System.getenv("CORPUSFORGE_REQUIRE_PYTHON") != null) {
                    fail(why);
                }
                // surefire keeps an abort's reason in its XML only: say it on the console too
                System.err.println("SKIPPED: " + why);
                Assumptions.abort(why);
            }
        }
        return interpreter;
    }

    record Result(int exit, String out, String err) {}

    /** Runs a script of scripts/ with the reference interpreter. */
    static Result script(String name, Path stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(interpreter(), Runs.repo().resolve("scripts").resolve(name).toString()));
        command.addAll(List.of(args));
        return run(command, stdin);
    }

    private static Result run(List<String> command, Path stdin) throws IOException {
        Path out = Files.createTempFile("python-out", ".txt");
        Path err = Files.createTempFile("python-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin != null) {
                pb.redirectInput(stdin.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(command + " did not finish");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
