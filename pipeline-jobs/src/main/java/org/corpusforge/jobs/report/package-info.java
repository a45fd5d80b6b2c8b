/**
 * The run report: the histograms and sketches the tasks gather (ReportData, kept as report.json) and the page
 * drawn from them and the manifest.
 */
package org.corpusforge.jobs.report;
