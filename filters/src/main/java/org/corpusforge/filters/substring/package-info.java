/**
 * Substring dedup's plain-Java parts: winnowed anchors, spans shared with an earlier document compared character
 * by character, and their removal.
 */
package org.corpusforge.filters.substring;
