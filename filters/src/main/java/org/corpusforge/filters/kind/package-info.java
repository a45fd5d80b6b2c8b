/**
 * What a kind of per-document stage is (DocumentStageType) and the files a stage reads (SideFile): what the
 * stages' packages and the registry share.
 */
package org.corpusforge.filters.kind;
