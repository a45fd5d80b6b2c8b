/**
 * Personal data: its detectors and validators, the masker, the pii stage, and the keyed pseudonyms of ids that
 * hold it.
 */
package org.corpusforge.filters.pii;
