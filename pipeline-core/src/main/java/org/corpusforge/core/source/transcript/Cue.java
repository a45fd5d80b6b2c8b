package org.corpusforge.core.source.transcript;

/**
 * One timed piece of a recording: seconds from the start (NaN when the source gives no times), the speaker
 * when known, and the text.
 */
public record Cue(double start, double end, String speaker, String text) {}
