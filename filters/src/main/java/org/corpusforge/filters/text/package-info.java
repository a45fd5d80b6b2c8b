/**
 * Text operations several stages share: Japanese normalisation, script counts, Kuromoji morphology, stable hashes.
 */
package org.corpusforge.filters.text;
