/**
 * The kinds of search query, one type each (name, texts, parameters with their one set of defaults, answer),
 * registered in META-INF/services: the list the CLI and the server dispatch from.
 */
package org.corpusforge.search.query;
