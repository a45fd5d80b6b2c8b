package org.corpusforge.jobs.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.TokenizedDocument;

/**
 * One part of the corpus: {@code shards/PART.parquet} and, when configured, its Megatron pair and its search index, in
 * the same order.
 */
public final class CorpusShardWriter implements RecordFileWriter<TokenizedDocument> {
    private final ParquetShardWriter parquet;
    private final MegatronWriter megatron;
    private final SearchIndexWriter search;

    /** @param embedding the passages' embedding model, or null */
    public CorpusShardWriter(String outputUri, String partName, ShardFormat format, EmbeddingModel embedding,
                             Configuration conf) throws IOException {
        this.parquet = new ParquetShardWriter(outputUri, "shards/" + partName + ".parquet", format.tokenized(),
                format.tokenIds(), format.fields(), conf);
        this.megatron = format.megatronType() == null ? null : new MegatronWriter(outputUri,
                format.megatronDirectory() + "/" + partName, format.megatronType(), format.eodId(), conf);
        this.search = format.searchIndex() ? new SearchIndexWriter(outputUri, partName, format.passageIndex(), embedding, conf) : null;
    }

    @Override
    public void write(TokenizedDocument row) throws IOException {
        parquet.write(row);
        if (megatron != null) {
            megatron.write(row.tokenIds());
        }
        if (search != null) {
            search.write(row.document().text());
        }
    }

    @Override
    public List<Manifest.FileEntry> finish() throws IOException {
        List<Manifest.FileEntry> files = new ArrayList<>();
        files.add(parquet.finish());
        if (megatron != null) {
            files.addAll(megatron.finish());
        }
        if (search != null) {
            files.addAll(search.finish());
        }
        return files;
    }

    @Override
    public void abort() {
        if (search != null) {
            search.abort();
        }
    }
}
