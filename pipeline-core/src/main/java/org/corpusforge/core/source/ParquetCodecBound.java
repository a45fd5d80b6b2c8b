package org.corpusforge.core.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's decompressors, refusing a page whose claimed uncompressed size is more than its column chunk claims
 * in all: parquet-mr allocates a page's claimed size before decompressing it, so a page header claiming 2 GB from a
 * 100-byte page would otherwise be believed. The bound is set per row group by the reader, never below
 * {@link #ALWAYS_ALLOWED}, so a writer that sums its chunk sizes a little wrong is still read.
 */
final class ParquetCodecBound implements CompressionCodecFactory {
    static final long ALWAYS_ALLOWED = 64 << 20;

    private final CompressionCodecFactory codecs;
    private long bound;

    ParquetCodecBound(CompressionCodecFactory codecs) {
        this.codecs = codecs;
    }

    /** The most one page of the row group about to be read may decompress to. */
    void bound(long bytes) {
        this.bound = bytes;
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return codecs.getCompressor(codec);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        BytesInputDecompressor decompressor = codecs.getDecompressor(codec);
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                check(uncompressedSize);
                return decompressor.decompress(bytes, uncompressedSize);
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                    throws IOException {
                check(uncompressedSize);
                decompressor.decompress(input, compressedSize, output, uncompressedSize);
            }

            @Override
            public void release() {
                decompressor.release();
            }
        };
    }

    private void check(int uncompressedSize) throws IOException {
        if (uncompressedSize < 0 || uncompressedSize > bound) {
            throw new IOException("a page claims " + uncompressedSize + " bytes uncompressed, more than its column"
                    + " chunk's " + bound);
        }
    }

    @Override
    public void release() {
        codecs.release();
    }
}
