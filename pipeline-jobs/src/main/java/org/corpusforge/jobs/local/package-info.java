/**
 * Reading inputs in this JVM, without Spark, exactly as a run's tasks do: what inspect, the benchmarks and the
 * evaluations share.
 */
package org.corpusforge.jobs.local;
