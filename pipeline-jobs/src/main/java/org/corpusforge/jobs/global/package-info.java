/**
 * The global stages, which see the whole corpus (dedup, boilerplate, substring dedup, decontamination): one type
 * each (GlobalStageType), registered in META-INF/services, and what they share (InPlaceJoin).
 */
package org.corpusforge.jobs.global;
