package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Packages depend one way (scripts/package-cycles.py, from the import lines), and each says what it holds. */
class PackageCyclesTest {
    @Test
    void noPackageDependsOnOneThatDependsOnIt() throws Exception {
        Process check = new ProcessBuilder("python3", "scripts/package-cycles.py").directory(Runs.repo().toFile())
                .redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), out);
    }

    /** Every package says in a package-info.java what belongs in it. */
    @Test
    void everyPackageSaysWhatBelongsInIt() throws Exception {
        java.util.List<String> unsaid = new java.util.ArrayList<>();
        for (String module : java.util.List.of("pipeline-core", "filters", "corpus-search", "pipeline-jobs")) {
            try (var dirs = java.nio.file.Files.walk(Runs.repo().resolve(module).resolve("src/main/java"))) {
                dirs.filter(java.nio.file.Files::isDirectory).forEach(dir -> {
                    try (var files = java.nio.file.Files.list(dir)) {
                        if (files.anyMatch(f -> f.toString().endsWith(".java"))
                                && !java.nio.file.Files.exists(dir.resolve("package-info.java"))) {
                            unsaid.add(Runs.repo().relativize(dir).toString());
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        }
        assertEquals(java.util.List.of(), unsaid);
    }
}
