package org.corpusforge.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One shard's search index, memory-mapped ({@link SuffixIndexLayout}): the range of suffixes that start with a token
 * sequence, found by two binary searches, and what follows it or which rows hold it, read from that range. No
 * method holds more than a few values per row of the shard on the heap, whatever the shard's size.
 */
public final class ShardIndex {
    /** The key of "the document ends here" in a continuation count. */
    public static final long END_OF_DOCUMENT = -1;

    private final MappedBytes file;
    private final SuffixIndexLayout.Header header;
    private final int tokenWidth;
    private final int pointerWidth;

    private ShardIndex(MappedBytes file, SuffixIndexLayout.Header header) {
        this.file = file;
        this.header = header;
        this.tokenWidth = header.tokenWidth();
        this.pointerWidth = header.pointerWidth();
    }

    /** @throws IllegalArgumentException when the file is not a whole index (the message says what is wrong) */
    public static ShardIndex open(Path path) throws IOException {
        MappedBytes file = new MappedBytes(path);
        if (file.length() < SuffixIndexLayout.HEADER_BYTES) {
            throw new IllegalArgumentException(path + ": shorter than the 64-byte header of a search index");
        }
        try {
            return new ShardIndex(file, SuffixIndexLayout.Header.parse(file.slice(0, SuffixIndexLayout.HEADER_BYTES),
                    file.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    public SuffixIndexLayout.Header header() {
        return header;
    }

    public long tokens() {
        return header.tokens();
    }

    public long documents() {
        return header.documents();
    }

    long token(long position) {
        return file.get(header.tokenOffset() + position * tokenWidth, tokenWidth);
    }

    long suffix(long index) {
        return file.get(header.suffixOffset() + index * pointerWidth, pointerWidth);
    }

    /** The position of the row's first token. */
    public long rowStart(long row) {
        return file.get(header.rowOffset() + row * pointerWidth, pointerWidth);
    }

    /** The position just past the row's last token (where its separator is). */
    public long rowEnd(long row) {
        return (row + 1 < header.documents() ? rowStart(row + 1) : header.positions()) - 1;
    }

    /** The row holding a position. */
    public long rowOf(long position) {
        long lo = 0;
        long hi = header.documents() - 1;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (rowStart(mid) <= position) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The token ids at positions [from, to) of the shard (no separator inside one row). */
    public int[] tokens(long from, long to) {
        int[] ids = new int[Math.toIntExact(to - from)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) token(from + i);
        }
        return ids;
    }

    /** The suffixes [lo, hi) that start with the pattern; an empty pattern matches every token. */
    public long[] range(int[] pattern) {
        long n = header.tokens();
        for (int id : pattern) {
            if (id < 0 || id >= header.separator()) {
                return new long[] {0, 0};
            }
        }
        return new long[] {bound(pattern, 0, n, false), bound(pattern, 0, n, true)};
    }

    /** The first suffix in [lo, hi) whose first pattern.length tokens compare above (or, not strict, at or above). */
    private long bound(int[] pattern, long lo, long hi, boolean strict) {
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            int c = compare(suffix(mid), pattern);
            if (c > 0 || (!strict && c == 0)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The suffix at a position against the pattern, over the pattern's length; the separator is above every id. */
    private int compare(long position, int[] pattern) {
        for (int j = 0; j < pattern.length; j++) {
            long t = token(position + j);
            if (t != pattern[j]) {
                return t < pattern[j] ? -1 : 1;
            }
        }
        return 0;
    }

    /**
     * How often each token follows the pattern, for its range [lo, hi) ({@link #END_OF_DOCUMENT} where a document
     * ends there). Within the range the suffixes are sorted by that next token, so each distinct one costs a binary
     * search, not a pass over its occurrences.
     */
    public Map<Long, Long> continuations(int pattern, long lo, long hi) {
        Map<Long, Long> counts = new TreeMap<>();
        long i = lo;
        while (i < hi) {
            long next = token(suffix(i) + pattern);
            long a = i + 1;
            long b = hi;
            while (a < b) {
                long mid = (a + b) >>> 1;
                if (token(suffix(mid) + pattern) > next) {
                    b = mid;
                } else {
                    a = mid + 1;
                }
            }
            counts.merge(next == header.separator() ? END_OF_DOCUMENT : next, a - i, Long::sum);
            i = a;
        }
        return counts;
    }

    /** The number of rows that hold at least one of the suffixes [lo, hi). */
    public long documents(long lo, long hi) {
        if (hi - lo <= 1) {
            return hi - lo;
        }
        BitSet rows = new BitSet((int) Math.min(Integer.MAX_VALUE, header.documents()));
        for (long i = lo; i < hi; i++) {
            rows.set((int) rowOf(suffix(i)));
        }
        return rows.cardinality();
    }

    /** The lowest {@code limit} rows holding a suffix of [lo, hi), each with the first position where it does. */
    public List<long[]> firstRows(long lo, long hi, int limit) {
        TreeMap<Long, Long> rows = new TreeMap<>();
        for (long i = lo; i < hi; i++) {
            long position = suffix(i);
            long row = rowOf(position);
            if (rows.size() == limit && row > rows.lastKey()) {
                continue;
            }
            rows.merge(row, position, Math::min);
            if (rows.size() > limit) {
                rows.pollLastEntry();
            }
        }
        List<long[]> result = new ArrayList<>();
        rows.forEach((row, position) -> result.add(new long[] {row, position}));
        return result;
    }

    /**
     * Checks the index against itself: every row start follows a separator and precedes the next one; the suffixes
     * of {@code samples} random places (seeded) and of the range's ends are in order with their successors, point
     * inside the shard, and start with a token. Returns what is wrong, or null.
     */
    public String check(int samples, long seed) {
        long previous = -1;
        for (long row = 0; row < header.documents(); row++) {
            long start = rowStart(row);
            if (start <= previous || start >= header.positions() || (start > 0 && token(start - 1) != header.separator())) {
                return "row " + row + " starts at " + start + ", not just after a separator";
            }
            previous = start;
        }
        if (header.documents() > 0 && (rowStart(0) != 0 || token(header.positions() - 1) != header.separator())) {
            return "the tokens do not start with row 0 and end with a separator";
        }
        long n = header.tokens();
        if (n < 2) {
            return n == 1 && token(suffix(0)) == header.separator() ? "suffix 0 starts at a separator" : null;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < samples + 2; s++) {
            long i = s == 0 ? 0 : s == 1 ? n - 2 : random.nextLong(n - 1);
            long a = suffix(i);
            long b = suffix(i + 1);
            if (a >= header.positions() || b >= header.positions()) {
                return "suffix " + i + " points outside the shard's " + header.positions() + " positions";
            }
            if (token(a) == header.separator() || token(b) == header.separator()) {
                return "suffix " + (token(a) == header.separator() ? i : i + 1) + " starts at a separator";
            }
            if (compareSuffixes(a, b) >= 0) {
                return "suffixes " + i + " and " + (i + 1) + " are out of order";
            }
        }
        return null;
    }

    /** Two suffixes compared to the first difference (a suffix ending first is smaller), over at most 100,000 tokens. */
    private int compareSuffixes(long a, long b) {
        long positions = header.positions();
        for (int j = 0; j < 100_000; j++) {
            if (a + j >= positions || b + j >= positions) {
                return a + j >= positions ? (b + j >= positions ? 0 : -1) : 1;
            }
            long x = token(a + j);
            long y = token(b + j);
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return -1;
    }
}
