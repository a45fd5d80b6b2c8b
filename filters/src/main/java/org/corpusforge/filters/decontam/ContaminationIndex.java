package org.corpusforge.filters.decontam;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The character n-grams of benchmark items, built once (on the driver) and searched in every document: an item
 * contaminates a document when the document's {@link MatchKey} holds one of the item's n-grams of {@code ngram}
 * characters (or, when asked, a share of them). An item's n-grams are those of each of its fields long enough to
 * have one, and those that cross from one field into later ones when the fields are read in order (a question
 * followed by its choices; a quarter of the n-gram, or the whole field when shorter, on either side of the
 * boundary), so a copy of the item laid out as its fields is found even when no field alone is long enough. An item
 * with no such n-gram (one shorter than {@code ngram} characters in all, say) is matched whole, if it has at least
 * {@code minItemChars} characters; shorter ones are not matched at all (counted as too short): a four-character
 * answer would otherwise flag every document that contains it.
 *
 * <p>Texts shared by items (a reading passage with several questions) are stored and indexed once. Every hash hit
 * is verified character by character before it counts.
 */
public final class ContaminationIndex implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int ngram;
    private final int minItemChars;
    private final String[] benchmarks;
    private final int[] itemBenchmark;
    private final String[] itemIds;
    private final int[] itemNgrams;
    private final char[][] texts;
    private final int[][] textItems;
    private final NgramTable grams;
    private final NgramTable wholeItems;
    private final Map<String, int[]> counts;

    private ContaminationIndex(Builder b) {
        this.ngram = b.ngram;
        this.minItemChars = b.minItemChars;
        this.benchmarks = b.benchmarks.keySet().toArray(String[]::new);
        this.itemBenchmark = b.itemBenchmark.stream().mapToInt(Integer::intValue).toArray();
        this.itemIds = b.itemIds.toArray(String[]::new);
        this.itemNgrams = b.itemNgrams.stream().mapToInt(Integer::intValue).toArray();
        this.texts = b.texts.toArray(char[][]::new);
        this.textItems = b.textItems.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        this.grams = new NgramTable(b.gramHash, b.gramHashes, b.gramPostings, b.grams);
        this.wholeItems = new NgramTable(b.wholeHash, b.wholeHashes, b.wholePostings, b.wholes);
        this.counts = new LinkedHashMap<>(b.benchmarks);
    }

    /** What one item shares with a document: the share of its n-grams found, and where, in the document's text. */
    public record Found(int item, double share, List<Span> spans) {}

    /** A span of a document's text ({@code [start, end)} in UTF-16 units). */
    public record Span(int start, int end) {}

    public String benchmark(int item) {
        return benchmarks[itemBenchmark[item]];
    }

    public String itemId(int item) {
        return itemIds[item];
    }

    public int items() {
        return itemIds.length;
    }

    /** Per benchmark, in the order they were added: {items, items too short to match}. */
    public Map<String, int[]> counts() {
        return counts;
    }

    /** The postings searched per document (n-grams of texts, and whole short items). */
    public long postings() {
        return grams.size() + wholeItems.size();
    }

    /** What the index holds on the heap, roughly: tables, filters and the folded texts. */
    public long heapBytes() {
        long textChars = 0;
        for (char[] t : texts) {
            textChars += t.length;
        }
        return grams.heapBytes() + wholeItems.heapBytes() + 2 * textChars + 24L * texts.length
                + 60L * itemIds.length;
    }

    /**
     * The items found in a document whose share of n-grams found is at least {@code minShare} (0: any one), in item
     * order, each with the spans of the document that matched (merged where they touch).
     */
    public List<Found> find(MatchKey key, double minShare) {
        Map<Integer, Hits> hits = new TreeMap<>();
        scan(key, grams, false, hits);
        if (wholeItems.size() > 0) {
            scan(key, wholeItems, true, hits);
        }
        List<Found> found = new ArrayList<>();
        for (Map.Entry<Integer, Hits> e : hits.entrySet()) {
            int item = e.getKey();
            double share = Math.min(1.0, e.getValue().postings.size() / (double) itemNgrams[item]);
            if (share >= minShare) {
                found.add(new Found(item, share, e.getValue().spans(key)));
            }
        }
        return found;
    }

    private void scan(MatchKey key, NgramTable table, boolean whole, Map<Integer, Hits> hits) {
        RollingHash rolling = table.rolling;
        int n = rolling.length;
        int len = key.length();
        if (len < n) {
            return;
        }
        char[] chars = key.chars();
        long h = rolling.hash(chars, 0);
        for (int p = 0; ; p++) {
            long mixed = NgramTable.mix(h);
            if (table.mayContain(mixed)) {
                for (int i = table.first(mixed); i >= 0 && table.hashAt(i, mixed); i++) {
                    long posting = table.postingAt(i);
                    char[] text = texts[NgramTable.text(posting)];
                    int offset = NgramTable.offset(posting);
                    int matched = whole ? text.length : n;
                    if (p + matched <= len && Arrays.equals(chars, p, p + matched, text, offset, offset + matched)) {
                        for (int item : textItems[NgramTable.text(posting)]) {
                            hits.computeIfAbsent(item, k -> new Hits()).add(posting, p, p + matched);
                        }
                    }
                }
            }
            if (p + n >= len) {
                return;
            }
            h = rolling.roll(h, chars[p], chars[p + n]);
        }
    }

    /** The postings of one item found in a document, and the key spans they cover. */
    private static final class Hits {
        final Set<Long> postings = new HashSet<>();
        final List<int[]> spans = new ArrayList<>();

        void add(long posting, int from, int to) {
            postings.add(posting);
            int[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && from <= last[1] && from >= last[0]) {
                last[1] = Math.max(last[1], to);
            } else {
                spans.add(new int[] {from, to});
            }
        }

        List<Span> spans(MatchKey key) {
            spans.sort((a, b) -> Integer.compare(a[0], b[0]));
            List<Span> merged = new ArrayList<>();
            int start = -1;
            int end = -1;
            for (int[] s : spans) {
                if (start >= 0 && s[0] <= end) {
                    end = Math.max(end, s[1]);
                    continue;
                }
                if (start >= 0) {
                    merged.add(new Span(key.textStart(start), key.textEnd(end)));
                }
                start = s[0];
                end = s[1];
            }
            merged.add(new Span(key.textStart(start), key.textEnd(end)));
            return merged;
        }
    }

    /** Collects items; {@link #build()} indexes them. */
    public static final class Builder {
        private final int ngram;
        private final int minItemChars;
        private final UnaryOperator<String> normalizer;
        private final Map<String, int[]> benchmarks = new LinkedHashMap<>();
        private final Map<String, Integer> benchmarkIndex = new HashMap<>();
        private final RollingHash gramHash;
        private final RollingHash wholeHash;
        private final List<Integer> itemBenchmark = new ArrayList<>();
        private final List<String> itemIds = new ArrayList<>();
        private final List<Integer> itemNgrams = new ArrayList<>();
        private final List<char[]> texts = new ArrayList<>();
        private final List<List<Integer>> textItems = new ArrayList<>();
        private final Map<String, Integer> textIndex = new HashMap<>();
        private long[] gramHashes = new long[1024];
        private long[] gramPostings = new long[1024];
        private int grams;
        private long[] wholeHashes = new long[16];
        private long[] wholePostings = new long[16];
        private int wholes;

        /**
         * @param normalizer what the corpus does to its texts before this stage (its normalize stage), applied to
         *                   every field before folding, so that items and documents are compared alike
         */
        public Builder(int ngram, int minItemChars, UnaryOperator<String> normalizer) {
            if (ngram < 1 || minItemChars < 1 || minItemChars > ngram) {
                throw new IllegalArgumentException("need 1 <= min_item_chars <= ngram_chars, got " + minItemChars
                        + " and " + ngram);
            }
            this.ngram = ngram;
            this.minItemChars = minItemChars;
            this.normalizer = normalizer;
            this.gramHash = new RollingHash(ngram);
            this.wholeHash = new RollingHash(minItemChars);
        }

        /** Adds an item of a benchmark: its id and the texts of its fields, in the order a copy would show them. */
        public Builder add(String benchmark, String id, List<String> fields) {
            int[] count = benchmarks.computeIfAbsent(benchmark, k -> new int[2]);
            int benchmarkNumber = benchmarkIndex.computeIfAbsent(benchmark, k -> benchmarkIndex.size());
            count[0]++;
            int item = itemIds.size();
            List<String> folded = new ArrayList<>();
            int total = 0;
            for (String field : fields) {
                String f = field == null ? "" : MatchKey.of(normalizer.apply(field)).folded();
                if (!f.isEmpty()) {
                    folded.add(f);
                    total += f.length();
                }
            }
            if (total < minItemChars) {
                count[1]++;
                return this;
            }
            itemBenchmark.add(benchmarkNumber);
            itemIds.add(id);
            String joined = String.join("", folded);
            List<int[]> crossing = crossing(folded, joined.length());
            int ngrams = crossing.stream().mapToInt(r -> r[1] - r[0] + 1).sum();
            for (String f : folded) {
                ngrams += Math.max(0, f.length() - ngram + 1);
            }
            if (ngrams == 0) {
                // no field long enough and no n-gram across fields: the item is matched whole
                int text = text(joined, item);
                if (text >= 0) {
                    addWhole(NgramTable.mix(wholeHash.hash(joined.toCharArray(), 0)), NgramTable.posting(text, 0));
                }
                itemNgrams.add(1);
                return this;
            }
            for (String f : folded) {
                if (f.length() >= ngram) {
                    int text = text(f, item);
                    if (text >= 0) {
                        addGrams(f, text, 0, f.length() - ngram);
                    }
                }
            }
            if (!crossing.isEmpty()) {
                int text = text(joined, item);
                if (text >= 0) {
                    for (int[] range : crossing) {
                        addGrams(joined, text, range[0], range[1]);
                    }
                }
            }
            itemNgrams.add(ngrams);
            return this;
        }

        /**
         * The start positions of the n-grams that begin in one field and end in a later one, as ranges: each keeps
         * a quarter of the n-gram (or the whole field, when shorter) on either side of the boundary, so that one
         * closing 。 followed by a passage is not taken for the question followed by the passage.
         */
        private List<int[]> crossing(List<String> folded, int length) {
            List<int[]> ranges = new ArrayList<>();
            int side = Math.max(1, ngram / 4);
            int fieldStart = 0;
            for (int i = 0; i < folded.size() - 1; i++) {
                int fieldEnd = fieldStart + folded.get(i).length();
                int minLeft = Math.min(side, folded.get(i).length());
                int minRight = Math.min(side, length - fieldEnd);
                int from = Math.max(fieldStart, fieldEnd - ngram + minRight);
                int to = Math.min(fieldEnd - minLeft, length - ngram);
                if (from <= to) {
                    ranges.add(new int[] {from, to});
                }
                fieldStart = fieldEnd;
            }
            return ranges;
        }

        public ContaminationIndex build() {
            return new ContaminationIndex(this);
        }

        /** The index of a text, with the item added to its items; -1 when the text was indexed already. */
        private int text(String folded, int item) {
            Integer known = textIndex.get(folded);
            if (known != null) {
                List<Integer> items = textItems.get(known);
                if (items.get(items.size() - 1) != item) {
                    items.add(item);
                }
                return -1;
            }
            int index = texts.size();
            texts.add(folded.toCharArray());
            textItems.add(new ArrayList<>(List.of(item)));
            textIndex.put(folded, index);
            return index;
        }

        private void addGrams(String text, int textIndex, int from, int to) {
            char[] chars = text.toCharArray();
            long h = gramHash.hash(chars, from);
            for (int p = from; ; p++) {
                if (grams == gramHashes.length) {
                    gramHashes = Arrays.copyOf(gramHashes, grams * 2);
                    gramPostings = Arrays.copyOf(gramPostings, grams * 2);
                }
                gramHashes[grams] = NgramTable.mix(h);
                gramPostings[grams++] = NgramTable.posting(textIndex, p);
                if (p == to) {
                    return;
                }
                h = gramHash.roll(h, chars[p], chars[p + ngram]);
            }
        }

        private void addWhole(long mixed, long posting) {
            if (wholes == wholeHashes.length) {
                wholeHashes = Arrays.copyOf(wholeHashes, wholes * 2);
                wholePostings = Arrays.copyOf(wholePostings, wholes * 2);
            }
            wholeHashes[wholes] = mixed;
            wholePostings[wholes++] = posting;
        }
    }
}
