package org.corpusforge.core.stage;

import java.util.Objects;

/** A stage together with the name the configuration gave it, which is the name the manifest reports. */
public record NamedStage(String name, DocumentStage stage) {
    public NamedStage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stage, "stage");
    }
}
