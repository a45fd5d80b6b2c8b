package org.corpusforge.filters.kind;

/**
 * A file a stage reads (a model, a list): the setting that names it ({@code model}, {@code tokenizer}; null for a
 * list, which the manifest names among the stage's {@code files}), where it is, and whether it must exist.
 */
public record SideFile(String key, String location, boolean required) {}
