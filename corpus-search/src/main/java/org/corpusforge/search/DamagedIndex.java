package org.corpusforge.search;

/**
 * A search or training file of a corpus whose contents contradict themselves (a suffix past the text, offsets past
 * the iterations), found at query time: the corpus was damaged or crafted after its run. The message says what and
 * where; {@code corpusforge verify} checks the whole corpus.
 */
public final class DamagedIndex extends IllegalStateException {
    public DamagedIndex(String message) {
        super(message);
    }
}
