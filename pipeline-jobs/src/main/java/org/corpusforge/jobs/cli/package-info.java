/**
 * The command line (picocli): one class per command, errors as one line and exit 2.
 */
package org.corpusforge.jobs.cli;
