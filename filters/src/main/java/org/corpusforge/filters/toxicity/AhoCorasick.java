package org.corpusforge.filters.toxicity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho–Corasick multi-pattern matching over UTF-16 units: every occurrence of every word in one pass over the text,
 * whatever the number of words.
 */
final class AhoCorasick {
    /** An occurrence: {@code text[start, end)} is word number {@code word}. */
    record Match(int start, int end, int word) {}

    private final List<Map<Character, Integer>> next = new ArrayList<>();
    private final List<Integer> fail = new ArrayList<>();
    private final List<List<Integer>> output = new ArrayList<>();
    private final int[] lengths;

    AhoCorasick(List<String> words) {
        lengths = words.stream().mapToInt(String::length).toArray();
        newState();
        for (int w = 0; w < words.size(); w++) {
            int state = 0;
            for (char c : words.get(w).toCharArray()) {
                Integer to = next.get(state).get(c);
                if (to == null) {
                    to = newState();
                    next.get(state).put(c, to);
                }
                state = to;
            }
            output.get(state).add(w);
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : next.get(0).values()) {
            fail.set(child, 0);
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (Map.Entry<Character, Integer> e : next.get(state).entrySet()) {
                int child = e.getValue();
                int f = fail.get(state);
                while (f != 0 && !next.get(f).containsKey(e.getKey())) {
                    f = fail.get(f);
                }
                Integer target = next.get(f).get(e.getKey());
                fail.set(child, target != null && target != child ? target : 0);
                output.get(child).addAll(output.get(fail.get(child)));
                queue.add(child);
            }
        }
    }

    private int newState() {
        next.add(new HashMap<>());
        fail.add(0);
        output.add(new ArrayList<>());
        return next.size() - 1;
    }

    List<Match> find(String text) {
        List<Match> matches = new ArrayList<>();
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            while (state != 0 && !next.get(state).containsKey(c)) {
                state = fail.get(state);
            }
            Integer to = next.get(state).get(c);
            state = to == null ? 0 : to;
            for (int w : output.get(state)) {
                matches.add(new Match(i + 1 - lengths[w], i + 1, w));
            }
        }
        return matches;
    }
}
