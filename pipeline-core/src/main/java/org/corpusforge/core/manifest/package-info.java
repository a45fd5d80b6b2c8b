/**
 * The manifest (every input, stage and file with its counts and checksum), its JSON form, its accounting and the
 * checks verify makes of it.
 */
package org.corpusforge.core.manifest;
