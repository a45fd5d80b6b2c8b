/**
 * Benchmarks and evaluations (bench and eval commands): the kernels the run does, timed; the filters against
 * labelled data.
 */
package org.corpusforge.jobs.bench;
