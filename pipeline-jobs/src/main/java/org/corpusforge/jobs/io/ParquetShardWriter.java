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

/** One corpus shard: documents as Parquet rows of {@link DocumentSchema}, zstd-compressed. */
public final class ParquetShardWriter {
    private final String relativePath;
    private final DigestingOutputFile file;
    private final ParquetWriter<TokenizedDocument> writer;
    private long rows;
    private long textBytes;
    private long tokens;
    private final boolean tokenized;

    /** @param tokenized whether the run counts tokens (the manifest entry then has them, even for no rows) */
    public ParquetShardWriter(String outputUri, String relativePath, boolean tokenized, boolean withTokenIds,
                              Configuration conf) throws IOException {
        this.relativePath = relativePath;
        this.tokenized = tokenized;
        this.file = new DigestingOutputFile(new Path(outputUri + "/" + relativePath), conf);
        this.writer = new Builder(file, withTokenIds)
                .withConf(conf)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                // dictionaries only where values repeat; for texts, ids and hashes they are built and thrown away
                .withDictionaryEncoding(false)
                .withDictionaryEncoding(DocumentSchema.SOURCE, true)
                .withDictionaryEncoding(DocumentSchema.SOURCE_URI, true)
                .withDictionaryEncoding(DocumentSchema.SOURCE_SHA256, true)
                .withDictionaryEncoding(DocumentSchema.LICENSE, true)
                .withDictionaryEncoding(DocumentSchema.ATTRIBUTES + ".key_value.key", true)
                .withDictionaryEncoding(DocumentSchema.ATTRIBUTES + ".key_value.value", true)
                .withDictionaryEncoding(DocumentSchema.SIGNALS + ".key_value.key", true)
                .build();
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

        Builder(OutputFile file, boolean withTokenIds) {
            super(file);
            this.withTokenIds = withTokenIds;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<TokenizedDocument> getWriteSupport(Configuration conf) {
            return new DocumentWriteSupport(withTokenIds);
        }
    }
}
