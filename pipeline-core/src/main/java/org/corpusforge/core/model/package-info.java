/**
 * The document and its provenance, metadata and source kind: what every stage passes on.
 */
package org.corpusforge.core.model;
