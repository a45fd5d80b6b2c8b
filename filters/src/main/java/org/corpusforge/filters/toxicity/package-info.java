/**
 * Toxicity: the NG-word lexicon (Aho-Corasick), the classifier, and the toxicity stage.
 */
package org.corpusforge.filters.toxicity;
