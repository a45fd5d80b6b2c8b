package org.corpusforge.filters.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * fastText's k-best heap of (score, label) pairs, with libstdc++'s push_heap, pop_heap and sort_heap under fastText's
 * comparison ({@code l.first > r.first}), so that labels with equal scores (frequent: one-vs-all scores come from a
 * table, and many probabilities print as 1e-05) come out in the same order as fastText's.
 */
final class PredictionHeap {
    private final List<float[]> heap = new ArrayList<>();
    private final int k;

    PredictionHeap(int k) {
        this.k = k;
    }

    int size() {
        return heap.size();
    }

    /** The lowest score kept (the heap's front). */
    float front() {
        return heap.get(0)[0];
    }

    boolean full() {
        return heap.size() == k;
    }

    /** fastText's findKBest step for one label. */
    void offer(float score, int label) {
        if (full() && score < front()) {
            return;
        }
        push(score, label);
    }

    /** Pushes and, beyond k, pops the front, as fastText does after a push. */
    void push(float score, int label) {
        heap.add(new float[] {score, label});
        pushHeap(heap.size() - 1, 0, heap.get(heap.size() - 1));
        if (heap.size() > k) {
            popHeap(heap.size());
            heap.remove(heap.size() - 1);
        }
    }

    /** std::sort_heap: the pairs by descending score. */
    List<float[]> sorted() {
        for (int last = heap.size(); last > 1; last--) {
            popHeap(last);
        }
        return heap;
    }

    private static boolean less(float[] a, float[] b) {
        return a[0] > b[0];
    }

    private void pushHeap(int hole, int top, float[] value) {
        int parent = (hole - 1) / 2;
        while (hole > top && less(heap.get(parent), value)) {
            heap.set(hole, heap.get(parent));
            hole = parent;
            parent = (hole - 1) / 2;
        }
        heap.set(hole, value);
    }

    /** std::pop_heap over the first {@code last} pairs: the front goes to {@code last - 1}. */
    private void popHeap(int last) {
        if (last <= 1) {
            return;
        }
        float[] value = heap.get(last - 1);
        heap.set(last - 1, heap.get(0));
        adjustHeap(0, last - 1, value);
    }

    private void adjustHeap(int hole, int len, float[] value) {
        int top = hole;
        int second = hole;
        while (second < (len - 1) / 2) {
            second = 2 * (second + 1);
            if (less(heap.get(second), heap.get(second - 1))) {
                second--;
            }
            heap.set(hole, heap.get(second));
            hole = second;
        }
        if ((len & 1) == 0 && second == (len - 2) / 2) {
            second = 2 * (second + 1);
            heap.set(hole, heap.get(second - 1));
            hole = second - 1;
        }
        pushHeap(hole, top, value);
    }
}
