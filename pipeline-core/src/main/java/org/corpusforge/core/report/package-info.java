/**
 * What a kind of stage says of itself in the run report and the dataset card ({@link
 * org.corpusforge.core.report.StageReport}), and the pages it says it on: the readers of a corpus render whatever the
 * registered kinds give them and name no stage themselves.
 */
package org.corpusforge.core.report;
