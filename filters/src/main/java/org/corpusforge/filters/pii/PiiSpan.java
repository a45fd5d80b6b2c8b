package org.corpusforge.filters.pii;

/** A found piece of personal data: {@code text[start, end)} of a type ({@code email}, {@code phone}, ...). */
public record PiiSpan(int start, int end, String type) {}
