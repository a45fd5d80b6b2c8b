package org.corpusforge.jobs.io;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.TokenizedDocument;

/**
 * One corpus shard: documents as Parquet rows of {@link DocumentSchema}, zstd-compressed, laid out for loaders that
 * stream a shard row group by row group (Hugging Face {@code datasets}, pyarrow's {@code iter_batches}, DuckDB):
 * row groups of about {@value #ROW_GROUP_MIB} MiB as written (zstd; about 90 MiB once read, for Japanese text),
 * pages of 1 MiB with CRCs, min/max statistics and page indexes on every column but the texts (whose extremes say
 * nothing and would bloat the footer), and bloom filters on {@code id} and {@code content_sha256}, so a lookup of
 * one document reads one row group of a shard.
 */
public final class ParquetShardWriter {
    /**
     * One row group is what a streaming reader holds in memory at once. parquet-mr measures a row group by its
     * compressed pages, and Japanese text compresses about 2.8 to 1 with zstd: 32 MiB written is about 90 MiB read,
     * within the 50 to 500 MB that data loaders recommend and under the 100 to 300 MB the Hugging Face viewer reads,
     * with a dozen or more groups per shard of hundreds of millions of tokens so that readers can split a shard.
     */
    static final int ROW_GROUP_MIB = 32;
    static final int PAGE_BYTES = 1 << 20;
    /** Longest min/max kept for a string column (ids and URIs are shorter); a cut value is still a valid bound. */
    static final int STATISTICS_BYTES = 64;
    /** Enough for about 200,000 distinct ids at 1 % false positives: the documents of one row group. */
    static final int BLOOM_MAX_BYTES = 256 << 10;
    private final String relativePath;
    private final DigestingOutputFile file;
    private final ParquetWriter<TokenizedDocument> writer;
    private long rows;
    private long textBytes;
    private long tokens;
    private final boolean tokenized;

    /** @param tokenized whether the run counts tokens (the manifest entry then has them, even for no rows) */
    public ParquetShardWriter(String outputUri, String relativePath, boolean tokenized, boolean withTokenIds,
                              Manifest.ShardSchema fields, Configuration conf) throws IOException {
        this.relativePath = relativePath;
        this.tokenized = tokenized;
        this.file = new DigestingOutputFile(new Path(outputUri + "/" + relativePath), conf);
        Builder builder = new Builder(file, withTokenIds, fields)
                .withConf(conf)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize((long) ROW_GROUP_MIB << 20)
                .withPageSize(PAGE_BYTES)
                .withPageWriteChecksumEnabled(true)
                .withStatisticsTruncateLength(STATISTICS_BYTES)
                .withColumnIndexTruncateLength(STATISTICS_BYTES)
                .withStatisticsEnabled(DocumentSchema.TEXT, false)
                // sized from the values each row group holds (the smallest of 8 candidates, 2 to 256 KiB, that keeps
                // 1 % false positives), so a small shard gets a small filter
                .withAdaptiveBloomFilterEnabled(true)
                .withMaxBloomFilterBytes(BLOOM_MAX_BYTES)
                .withBloomFilterEnabled(DocumentSchema.ID, true)
                .withBloomFilterCandidateNumber(DocumentSchema.ID, 8)
                .withBloomFilterEnabled(DocumentSchema.CONTENT_SHA256, true)
                .withBloomFilterCandidateNumber(DocumentSchema.CONTENT_SHA256, 8)
                // dictionaries only where values repeat; for texts, ids and hashes they are built and thrown away
                .withDictionaryEncoding(false)
                .withDictionaryEncoding(DocumentSchema.SOURCE, true)
                .withDictionaryEncoding(DocumentSchema.SOURCE_URI, true)
                .withDictionaryEncoding(DocumentSchema.SOURCE_SHA256, true)
                .withDictionaryEncoding(DocumentSchema.LICENSE, true);
        for (String attribute : fields.attributes()) {
            builder = builder.withDictionaryEncoding(DocumentSchema.ATTRIBUTES + "." + attribute, true);
        }
        this.writer = builder.build();
    }

    public void write(TokenizedDocument row) throws IOException {
        writer.write(row);
        rows++;
        textBytes += row.document().textUtf8Bytes();
        tokens += row.tokenized() ? row.tokenCount() : 0;
    }

    public Manifest.FileEntry finish() throws IOException {
        writer.close();
        return new Manifest.FileEntry(relativePath, rows, file.bytes(), file.sha256(), textBytes,
                tokenized ? tokens : null);
    }

    private static final class Builder extends ParquetWriter.Builder<TokenizedDocument, Builder> {
        private final boolean withTokenIds;
        private final Manifest.ShardSchema fields;

        Builder(OutputFile file, boolean withTokenIds, Manifest.ShardSchema fields) {
            super(file);
            this.withTokenIds = withTokenIds;
            this.fields = fields;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<TokenizedDocument> getWriteSupport(Configuration conf) {
            return new DocumentWriteSupport(withTokenIds, fields);
        }
    }
}
