package org.corpusforge.core.source;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * A row group's pages, each checked before parquet-mr decodes it. parquet-mr's decoders allocate what a page's
 * bytes claim before reading them: a bit-packed run of levels or dictionary indexes claiming 2^28 groups asks for a
 * 1 GB array from a page of ten bytes, a delta header's value count or block size sizes a {@code long[]}, a
 * dictionary page's entry count sizes an array of entries. Here every such claim must be backed by the page's bytes
 * or stay under {@link #MAX_PAGE_VALUES}, and a repeated column may not put more than {@link #MAX_ROW_VALUES} values
 * in one row (its repetition levels are counted across pages), so a small file cannot make one row of billions of
 * values. A claim that fails is a {@link ParquetDecodingException} naming it, which costs the row group, not the run.
 */
final class ParquetPageBounds implements PageReadStore {
    /** Values one page may claim; parquet-mr writes pages of 20,000 rows, pyarrow pages of about 1 MB. */
    static final int MAX_PAGE_VALUES = 1 << 24;
    /** Values of one repeated column in one row. */
    static final long MAX_ROW_VALUES = 1 << 22;

    private final PageReadStore pages;
    private final Map<ColumnDescriptor, PageReader> readers = new HashMap<>();

    ParquetPageBounds(PageReadStore pages) {
        this.pages = pages;
    }

    @Override
    public PageReader getPageReader(ColumnDescriptor column) {
        return readers.computeIfAbsent(column, c -> new Checked(pages.getPageReader(c), c));
    }

    @Override
    public long getRowCount() {
        return pages.getRowCount();
    }

    @Override
    public java.util.Optional<Long> getRowIndexOffset() {
        return pages.getRowIndexOffset();
    }

    @Override
    public java.util.Optional<java.util.PrimitiveIterator.OfLong> getRowIndexes() {
        return pages.getRowIndexes();
    }

    @Override
    public void close() {
        pages.close();
    }

    private static final class Checked implements PageReader {
        private final PageReader pages;
        private final ColumnDescriptor column;
        private final int repetitionWidth;
        private final int definitionWidth;
        /** Values so far in the row the last page ended inside (repeated columns). */
        private long rowValues;

        Checked(PageReader pages, ColumnDescriptor column) {
            this.pages = pages;
            this.column = column;
            this.repetitionWidth = width(column.getMaxRepetitionLevel());
            this.definitionWidth = width(column.getMaxDefinitionLevel());
        }

        @Override
        public DictionaryPage readDictionaryPage() {
            DictionaryPage page = pages.readDictionaryPage();
            if (page != null && (page.getDictionarySize() < 0 || page.getDictionarySize() > page.getBytes().size())) {
                throw damaged("a dictionary page claims " + page.getDictionarySize() + " entries in "
                        + page.getBytes().size() + " bytes");
            }
            return page;
        }

        @Override
        public long getTotalValueCount() {
            return pages.getTotalValueCount();
        }

        @Override
        public DataPage readPage() {
            DataPage page = pages.readPage();
            if (page == null) {
                return null;
            }
            int values = page.getValueCount();
            if (values < 0 || values > MAX_PAGE_VALUES) {
                throw damaged("a page claims " + values + " values, more than " + MAX_PAGE_VALUES);
            }
            try {
                if (page instanceof DataPageV1 v1) {
                    byte[] bytes = v1.getBytes().toByteArray();
                    int at = 0;
                    if (column.getMaxRepetitionLevel() > 0) {
                        at = levels(bytes, at, v1.getRlEncoding(), repetitionWidth, values, true);
                    }
                    if (column.getMaxDefinitionLevel() > 0) {
                        at = levels(bytes, at, v1.getDlEncoding(), definitionWidth, values, false);
                    }
                    checkValues(bytes, at, v1.getValueEncoding(), values);
                    // the bytes were read once here; parquet-mr reads the same ones again
                    return new DataPageV1(BytesInput.from(bytes), values, v1.getUncompressedSize(),
                            v1.getStatistics(), v1.getRlEncoding(), v1.getDlEncoding(), v1.getValueEncoding());
                }
                if (page instanceof DataPageV2 v2) {
                    byte[] repetition = v2.getRepetitionLevels().toByteArray();
                    byte[] definition = v2.getDefinitionLevels().toByteArray();
                    byte[] data = v2.getData().toByteArray();
                    if (column.getMaxRepetitionLevel() > 0) {
                        runs(repetition, 0, repetition.length, repetitionWidth, true);
                    }
                    runs(definition, 0, definition.length, definitionWidth, false);
                    checkValues(data, 0, v2.getDataEncoding(), values);
                    return DataPageV2.uncompressed(v2.getRowCount(), v2.getNullCount(), values,
                            BytesInput.from(repetition), BytesInput.from(definition), v2.getDataEncoding(),
                            BytesInput.from(data), v2.getStatistics());
                }
            } catch (IOException e) {
                throw new ParquetDecodingException("could not read a page of column " + column, e);
            }
            return page;
        }

        /** A v1 page's level section (its length, then RLE runs); where the next section starts. */
        private int levels(byte[] b, int at, Encoding encoding, int width, int values, boolean repetition) {
            if (encoding != Encoding.RLE) { // the old BIT_PACKED levels: no length, sized by the value count
                return (int) Math.min(b.length, at + ((long) values * width + 7) / 8);
            }
            if (b.length - at < 4) {
                throw damaged("a page ends before its levels");
            }
            long length = (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16
                    | (b[at + 3] & 0xFFL) << 24;
            if (length > b.length - at - 4) {
                throw damaged("a page's levels claim " + length + " bytes of " + (b.length - at - 4));
            }
            runs(b, at + 4, at + 4 + (int) length, width, repetition);
            return at + 4 + (int) length;
        }

        private void checkValues(byte[] b, int at, Encoding encoding, int values) {
            switch (encoding) {
                case PLAIN_DICTIONARY, RLE_DICTIONARY -> {
                    if (at < b.length) {
                        int width = b[at] & 0xFF;
                        if (width > 32) {
                            throw damaged("dictionary indexes claim " + width + " bits each");
                        }
                        runs(b, at + 1, b.length, width, false);
                    }
                }
                case RLE -> { // booleans: a length, then runs of one bit
                    if (b.length - at >= 4) {
                        runs(b, at + 4, b.length, 1, false);
                    }
                }
                case DELTA_BINARY_PACKED -> deltaEnd(b, at, values);
                case DELTA_LENGTH_BYTE_ARRAY -> deltaEnd(b, at, values);
                case DELTA_BYTE_ARRAY -> deltaEnd(b, deltaEnd(b, at, values), values);
                default -> { }
            }
        }

        /**
         * Walks RLE/bit-packed hybrid runs: a bit-packed run must be backed by its bytes (parquet-mr allocates its
         * values before reading them), and a repeated column's row may not grow past {@link #MAX_ROW_VALUES}.
         */
        private void runs(byte[] b, int at, int end, int width, boolean repetition) {
            int valueBytes = (width + 7) / 8;
            while (at < end) {
                int[] p = {at};
                long header = uvarint(b, p, end);
                at = p[0];
                long count = header >>> 1;
                if ((header & 1) == 1) {
                    if (count > MAX_PAGE_VALUES / 8 || count * width > end - at + (long) width) {
                        throw damaged("a bit-packed run claims " + count * 8 + " values in " + (end - at)
                                + " bytes");
                    }
                    if (repetition) {
                        for (long i = 0; i < count * 8; i++) {
                            long bit = i * width;
                            int value = 0;
                            for (int k = 0; k < width; k++, bit++) {
                                int index = at + (int) (bit >>> 3);
                                if (index < end && (b[index] >>> (bit & 7) & 1) != 0) {
                                    value |= 1 << k;
                                }
                            }
                            row(value, 1);
                        }
                    }
                    at += (int) Math.min(count * width, end - at);
                } else {
                    int value = 0;
                    for (int k = 0; k < valueBytes && at + k < end; k++) {
                        value |= (b[at + k] & 0xFF) << (8 * k);
                    }
                    at += valueBytes;
                    if (repetition) {
                        row(value, count);
                    }
                }
            }
        }

        /** {@code count} repetition levels of {@code level}: 0 starts a row, more continues it. */
        private void row(int level, long count) {
            if (count == 0) {
                return;
            }
            rowValues = level == 0 ? 1 : rowValues + Math.min(count, MAX_ROW_VALUES + 1); // never overflows
            if (rowValues > MAX_ROW_VALUES) {
                throw damaged("a row holds more than " + MAX_ROW_VALUES + " values of column "
                        + String.join(".", column.getPath()));
            }
        }

        /**
         * Walks a DELTA_BINARY_PACKED section's headers (block size, mini-blocks, value count, then each block's
         * bit widths) without decoding it; where it ends. parquet-mr sizes a {@code long[]} by the claims.
         */
        private int deltaEnd(byte[] b, int at, int values) {
            int[] p = {at};
            long blockSize = uvarint(b, p, b.length);
            long miniBlocks = uvarint(b, p, b.length);
            long total = uvarint(b, p, b.length);
            uvarint(b, p, b.length); // the first value, zigzag
            if (blockSize <= 0 || blockSize > 1 << 16 || blockSize % 128 != 0 || miniBlocks <= 0
                    || blockSize % miniBlocks != 0 || (blockSize / miniBlocks) % 32 != 0 || total > values) {
                throw damaged("a delta header claims blocks of " + blockSize + " values in " + miniBlocks
                        + " mini-blocks and " + total + " values of the page's " + values);
            }
            long perMiniBlock = blockSize / miniBlocks;
            long left = Math.max(0, total - 1);
            while (left > 0) {
                uvarint(b, p, b.length); // the block's minimum delta
                if (b.length - p[0] < miniBlocks) {
                    throw damaged("a delta block ends before its bit widths");
                }
                long bytes = 0;
                for (int m = 0; m < miniBlocks; m++) {
                    int width = b[p[0] + m] & 0xFF;
                    if (width > 64) {
                        throw damaged("a delta mini-block claims " + width + " bits per value");
                    }
                    if (m * perMiniBlock < left) {
                        bytes += perMiniBlock * width / 8;
                    }
                }
                p[0] += (int) miniBlocks;
                if (bytes > b.length - p[0]) {
                    throw damaged("a delta block claims " + bytes + " bytes of " + (b.length - p[0]));
                }
                p[0] += (int) bytes;
                left -= Math.min(left, blockSize);
            }
            return p[0];
        }

        /** An unsigned varint at {@code p[0]}, which must end before {@code end}; {@code p[0]} moves past it. */
        private long uvarint(byte[] b, int[] p, int end) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (p[0] >= end) {
                    throw damaged("a varint is cut short");
                }
                int x = b[p[0]++] & 0xFF;
                value |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return value;
                }
            }
            throw damaged("a varint is longer than 10 bytes");
        }

        private ParquetDecodingException damaged(String what) {
            return new ParquetDecodingException(what + " (column " + String.join(".", column.getPath()) + ")");
        }
    }

    private static int width(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }
}
