/**
 * A run's configuration read and checked: ConfigNode (every key read or refused), the sections' specs and
 * CorpusConfig, which holds them all.
 */
package org.corpusforge.core.config;
