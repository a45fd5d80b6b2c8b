/**
 * The per-document stages (each a DocumentStage with its fromSettings and its kind) and the operations only they
 * use; StageCatalog, their registry. Plain Java, no Spark.
 */
package org.corpusforge.filters;
