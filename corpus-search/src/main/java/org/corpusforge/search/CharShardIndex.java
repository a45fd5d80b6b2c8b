package org.corpusforge.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One shard's character index, memory-mapped ({@link CharIndexLayout}): the range of suffixes that start with a
 * string, found by two binary searches over the code units, and what follows it or which rows hold it, read from
 * that range. Strings are compared as Java compares them, code unit by code unit, so a query matches exactly where
 * {@link String#indexOf} would, overlapping occurrences included, never across the end of a row.
 */
public final class CharShardIndex {
    /** The key of "the document ends here" in a continuation count. */
    public static final int END_OF_DOCUMENT = -1;
    /** What an end mark compares as: above every code unit. */
    private static final int END = 0x10000;

    /** Positions per bucket of {@link #firstRowOfBucket}. */
    private static final int BUCKET_BITS = 12;

    private final MappedBytes file;
    private final CharIndexLayout.Header header;
    private final int pointerWidth;
    /**
     * For every 4,096 positions, the row holding the first of them: {@link #rowOf} then searches only the rows that
     * start within one bucket (documents average thousands of characters, so mostly none). 4 bytes per 4,096
     * characters on the heap.
     */
    private final int[] firstRowOfBucket;

    private CharShardIndex(MappedBytes file, CharIndexLayout.Header header) {
        this.file = file;
        this.header = header;
        this.pointerWidth = header.pointerWidth();
        // every row start is read once and must rise inside the text: a damaged or crafted one would otherwise size
        // an array of a row's characters (up to 2^31) or read past the file, at query time
        long previous = -1;
        for (long row = 0; row < header.documents(); row++) {
            long start = rowStart(row);
            if (start <= previous || start >= header.positions() || (row == 0 && start != 0)) {
                throw new IllegalArgumentException("row " + row + " starts at " + start + ", outside the rows' order "
                        + "or the " + header.positions() + " positions: a damaged index");
            }
            previous = start;
        }
        int buckets = (int) ((header.positions() >>> BUCKET_BITS) + 1);
        this.firstRowOfBucket = new int[buckets];
        long row = 0;
        for (int b = 0; b < buckets && header.documents() > 0; b++) {
            long position = (long) b << BUCKET_BITS;
            while (row + 1 < header.documents() && rowStart(row + 1) <= position) {
                row++;
            }
            firstRowOfBucket[b] = (int) row;
        }
    }

    /** @throws IllegalArgumentException when the file is not a whole index (the message says what is wrong) */
    public static CharShardIndex open(Path path) throws IOException {
        MappedBytes file = new MappedBytes(path);
        if (file.length() < CharIndexLayout.HEADER_BYTES) {
            throw new IllegalArgumentException(path + ": shorter than the 64-byte header of a search index");
        }
        try {
            return new CharShardIndex(file, CharIndexLayout.Header.parse(file.slice(0, CharIndexLayout.HEADER_BYTES),
                    file.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    public CharIndexLayout.Header header() {
        return header;
    }

    /** The shard's characters (UTF-16 code units). */
    public long units() {
        return header.units();
    }

    public long documents() {
        return header.documents();
    }

    /** The code unit at a position, or {@link #END} where a row ends. */
    int unit(long position) {
        int u = (int) file.get(header.textOffset() + position * 2, 2);
        return u == CharIndexLayout.END_MARK && position == rowEnd(rowOf(position)) ? END : u;
    }

    long suffix(long index) {
        long position = file.get(header.suffixOffset() + index * pointerWidth, pointerWidth);
        if (position >= header.positions()) {
            throw new DamagedIndex("a damaged search index: suffix " + index + " points at " + position
                    + ", past its " + header.positions() + " positions (corpusforge verify checks the index)");
        }
        return position;
    }

    /** The position of the row's first code unit. */
    public long rowStart(long row) {
        return file.get(header.rowOffset() + row * pointerWidth, pointerWidth);
    }

    /** The position just past the row's last code unit (where its end mark is). */
    public long rowEnd(long row) {
        return (row + 1 < header.documents() ? rowStart(row + 1) : header.positions()) - 1;
    }

    /** The row holding a position. */
    public long rowOf(long position) {
        int bucket = (int) (position >>> BUCKET_BITS);
        long lo = firstRowOfBucket[bucket];
        long hi = bucket + 1 < firstRowOfBucket.length ? firstRowOfBucket[bucket + 1] : header.documents() - 1;
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

    /** The text at positions [from, to) (within one row). */
    public String text(long from, long to) {
        char[] chars = new char[Math.toIntExact(to - from)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) file.get(header.textOffset() + (from + i) * 2, 2);
        }
        return new String(chars);
    }

    /** The whole text of a row. */
    public String row(long row) {
        return text(rowStart(row), rowEnd(row));
    }

    /** The suffixes [lo, hi) that start with the string; an empty string matches every position. */
    public long[] range(CharSequence query) {
        return range(query, 0, query.length(), 0, header.units());
    }

    /** The suffixes within [lo, hi) that start with query[from, to). */
    long[] range(CharSequence query, int from, int to, long lo, long hi) {
        return new long[] {bound(query, from, to, lo, hi, false), bound(query, from, to, lo, hi, true)};
    }

    private long bound(CharSequence query, int from, int to, long lo, long hi, boolean strict) {
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            int c = compare(suffix(mid), query, from, to);
            if (c > 0 || (!strict && c == 0)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The suffix at a position against query[from, to), over that length; an end mark is above every unit. */
    private int compare(long position, CharSequence query, int from, int to) {
        for (int j = from; j < to; j++) {
            int u = unit(position + j - from);
            char q = query.charAt(j);
            if (u != q) {
                return u < q ? -1 : 1;
            }
        }
        return 0;
    }

    /**
     * Within a range [lo, hi) of suffixes sharing their first {@code depth} units, the sub-range whose next unit is
     * {@code c}: two binary searches on that one unit.
     */
    long[] narrow(long lo, long hi, int depth, char c) {
        long a = lo;
        long b = hi;
        while (a < b) {
            long mid = (a + b) >>> 1;
            if (unit(suffix(mid) + depth) < c) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        long start = a;
        b = hi;
        while (a < b) {
            long mid = (a + b) >>> 1;
            if (unit(suffix(mid) + depth) <= c) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return new long[] {start, a};
    }

    /**
     * How often each character follows a string of {@code length} units whose range is [lo, hi): by code point (a
     * surrogate pair is one), {@link #END_OF_DOCUMENT} where a row ends there. Within the range the suffixes are
     * sorted by what follows, so each distinct character costs a binary search, not a pass over its occurrences.
     */
    public Map<Integer, Long> nextCharacters(int length, long lo, long hi) {
        Map<Integer, Long> counts = new TreeMap<>();
        long i = lo;
        while (i < hi) {
            long key = nextKey(suffix(i) + length);
            long a = i + 1;
            long b = hi;
            while (a < b) {
                long mid = (a + b) >>> 1;
                if (nextKey(suffix(mid) + length) > key) {
                    b = mid;
                } else {
                    a = mid + 1;
                }
            }
            counts.merge(codePoint(key), a - i, Long::sum);
            i = a;
        }
        return counts;
    }

    /**
     * A position's character as a key that grows in suffix order: its unit, and for a high surrogate the unit after
     * it too (its pair, or whatever follows a lone one), 17 bits each.
     */
    private long nextKey(long position) {
        int u = unit(position);
        long key = (long) u << 17;
        return u != END && Character.isHighSurrogate((char) u) ? key | unit(position + 1) : key;
    }

    private static int codePoint(long key) {
        int u = (int) (key >>> 17);
        int next = (int) (key & 0x1FFFF);
        if (u == END) {
            return END_OF_DOCUMENT;
        }
        return next != END && Character.isHighSurrogate((char) u) && Character.isLowSurrogate((char) next)
                ? Character.toCodePoint((char) u, (char) next) : u;
    }

    /** The number of rows that hold at least one of the suffixes [lo, hi). */
    public long documents(long lo, long hi) {
        if (hi - lo <= 1) {
            return hi - lo;
        }
        return rows(lo, hi).cardinality();
    }

    /** The rows holding at least one of the suffixes [lo, hi). */
    public BitSet rows(long lo, long hi) {
        BitSet rows = new BitSet((int) Math.min(Integer.MAX_VALUE, header.documents()));
        for (long i = lo; i < hi; i++) {
            rows.set((int) rowOf(suffix(i)));
        }
        return rows;
    }

    /**
     * Checks the index against itself: every row start follows an end mark; the suffixes of {@code samples} random
     * places (seeded) and of the range's ends are in order with their successors, point inside the shard, and
     * start with a code unit. Returns what is wrong, or null.
     */
    public String check(int samples, long seed) {
        long previous = -1;
        for (long row = 0; row < header.documents(); row++) {
            long start = rowStart(row);
            if (start <= previous || start >= header.positions()
                    || (start > 0 && file.get(header.textOffset() + (start - 1) * 2, 2) != CharIndexLayout.END_MARK)) {
                return "row " + row + " starts at " + start + ", not just after an end mark";
            }
            previous = start;
        }
        if (header.documents() > 0 && rowStart(0) != 0) {
            return "the text does not start with row 0";
        }
        long n = header.units();
        if (n < 2) {
            return n == 1 && unit(suffix(0)) == END ? "suffix 0 starts at an end mark" : null;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < samples + 2; s++) {
            long i = s == 0 ? 0 : s == 1 ? n - 2 : random.nextLong(n - 1);
            long a = suffix(i);
            long b = suffix(i + 1);
            if (a >= header.positions() || b >= header.positions()) {
                return "suffix " + i + " points outside the shard's " + header.positions() + " positions";
            }
            if (unit(a) == END || unit(b) == END) {
                return "suffix " + (unit(a) == END ? i : i + 1) + " starts at an end mark";
            }
            if (compareSuffixes(a, b) >= 0) {
                return "suffixes " + i + " and " + (i + 1) + " are out of order";
            }
        }
        return null;
    }

    /** Two suffixes compared to the first difference within their rows, over at most 100,000 units. */
    private int compareSuffixes(long a, long b) {
        for (int j = 0; j < 100_000; j++) {
            int x = unit(a + j);
            int y = unit(b + j);
            if (x != y) {
                return x < y ? -1 : 1;
            }
            if (x == END) {
                return -1; // both rows end here: SA-IS ordered them by what follows, which a query never reaches
            }
        }
        return -1;
    }
}
