/**
 * The search over HTTP: the server, and the front on its public socket that reads each request line first.
 */
package org.corpusforge.search.http;
