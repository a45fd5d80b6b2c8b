/**
 * The web: WARC/WET records and HTML pages, their charsets and their main text.
 */
package org.corpusforge.core.source.web;
