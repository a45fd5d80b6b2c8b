/**
 * The per-document contract: a DocumentStage gives a verdict, the StageChain applies the stages in order and
 * accounts for every record (kept, dropped or quarantined, with its reason).
 */
package org.corpusforge.core.stage;
