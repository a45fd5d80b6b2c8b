/**
 * PDF: text in reading order (vertical and horizontal writing), with its work bounded per page.
 */
package org.corpusforge.core.source.pdf;
