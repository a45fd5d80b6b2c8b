/**
 * Character-level text helpers with no Japanese knowledge of their own.
 */
package org.corpusforge.core.text;
