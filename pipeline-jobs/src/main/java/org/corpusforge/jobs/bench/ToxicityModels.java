package org.corpusforge.jobs.bench;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.corpusforge.filters.toxicity.ToxicityClassifier;
import org.corpusforge.jobs.base.UserError;

/** Finds a toxicity model: {@code builtin} (shipped in conf/models and in the jar), {@code none}, or a file. */
final class ToxicityModels {
    private ToxicityModels() {}

    static ToxicityClassifier load(String name) {
        if ("none".equals(name)) {
            return null;
        }
        try (Reader r = "builtin".equals(name)
                ? new InputStreamReader(ToxicityClassifier.class.getResourceAsStream("/models/toxicity-ja.model"),
                        StandardCharsets.UTF_8)
                : Files.newBufferedReader(Path.of(name), StandardCharsets.UTF_8)) {
            return ToxicityClassifier.load(r);
        } catch (IOException | NullPointerException e) {
            throw new UserError("toxicity model " + name + ": " + e.getMessage());
        }
    }
}
