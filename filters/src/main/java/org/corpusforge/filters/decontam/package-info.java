/**
 * Benchmark decontamination's plain-Java parts: evaluation sets' formats, the folded keys compared, and the n-gram
 * index of their items.
 */
package org.corpusforge.filters.decontam;
