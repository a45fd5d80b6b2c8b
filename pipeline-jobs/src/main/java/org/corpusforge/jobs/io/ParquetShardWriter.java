package org.corpusforge.jobs.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Document;

/** One corpus shard: documents as Parquet rows of {@link DocumentSchema}, zstd-compressed. */
public final class ParquetShardWriter implements RecordFileWriter<Document> {
    private final DigestingOutputFile file;
    private final ParquetWriter<Document> writer;
    private long rows;
    private long textBytes;

    public ParquetShardWriter(String uri, Configuration conf) throws IOException {
        this.file = new DigestingOutputFile(new Path(uri), conf);
        this.writer = new Builder(file)
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

    @Override
    public void write(Document doc) throws IOException {
        writer.write(doc);
        rows++;
        textBytes += doc.text().getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public Manifest.FileEntry finish(String relativePath) throws IOException {
        writer.close();
        return new Manifest.FileEntry(relativePath, rows, file.bytes(), file.sha256(), textBytes);
    }

    private static final class Builder extends ParquetWriter.Builder<Document, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Document> getWriteSupport(Configuration conf) {
            return new DocumentWriteSupport();
        }
    }
}
