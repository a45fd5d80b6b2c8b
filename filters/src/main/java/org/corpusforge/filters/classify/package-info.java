/**
 * Model classifiers (fastText, ONNX) and the classifier stage built on them, with the models read once per JVM.
 */
package org.corpusforge.filters.classify;
