package org.corpusforge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NoLockFactory;

/**
 * One shard's passage index: each document cut by {@link PassageCutter}, each passage a Lucene document holding its
 * row, start and end (the text itself is not stored: the shard's character index has it), merged to one compound
 * segment when the shard is finished. Built in a local directory; the caller copies the files where the corpus is.
 *
 * <p>Lucene stamps every segment with a random id and the time it was written; {@link DeterministicSegment} replaces
 * them with values derived from {@code seed} (the part's name), so the same texts give byte-identical files.
 */
public final class PassageIndexBuilder implements AutoCloseable {
    public static final String FORMAT = "corpusforge-passages-1";
    public static final String ROW = "row";
    public static final String START = "start";
    public static final String END = "end";
    /**
     * Passages buffered before a segment is written: at most 300 characters each, so at most about 20 MB of text and
     * its postings in memory.
     */
    static final int PASSAGES_PER_SEGMENT = 50_000;
    /** The field of each passage's vector, when the index has them. */
    public static final String VECTOR = "vector";

    /** Embeds texts: one vector each, in order. */
    public interface Embedder {
        List<float[]> embed(List<String> texts);
    }

    /**
     * Vectors for the passages: embedded {@code batch} at a time with {@code prefix} before each text; {@code unit}
     * vectors are compared by dot product, others by cosine.
     */
    public record Vectors(Embedder embedder, int batch, String prefix, boolean unit) {}

    private record Pending(long row, int start, int end, String text) {}

    private final Vectors vectors;
    private final List<Pending> pending = new ArrayList<>();

    private final Path directory;
    private final String seed;
    private final IndexWriter writer;
    private long row;
    private long passages;

    public PassageIndexBuilder(Path directory, String seed) throws IOException {
        this(directory, seed, null);
    }

    /** @param vectors null: no vectors */
    public PassageIndexBuilder(Path directory, String seed, Vectors vectors) throws IOException {
        this(directory, seed, vectors, PASSAGES_PER_SEGMENT);
    }

    PassageIndexBuilder(Path directory, String seed, Vectors vectors, int passagesPerSegment) throws IOException {
        this.directory = directory;
        this.seed = seed;
        this.vectors = vectors;
        // segments by passage count, no merges while adding, one merge at the end, all on this thread: the files then
        // depend on the passages alone (flushing by memory and merging in the background made their layout depend on
        // timing: the stored fields of merged segments are copied chunk by chunk)
        IndexWriterConfig config = new IndexWriterConfig(PassageAnalysis.analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setUseCompoundFile(true)
                .setCommitOnClose(false)
                .setMaxBufferedDocs(passagesPerSegment)
                .setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH)
                .setMergeScheduler(new SerialMergeScheduler())
                .setMergePolicy(NoMergePolicy.INSTANCE);
        this.writer = new IndexWriter(FSDirectory.open(directory, NoLockFactory.INSTANCE), config);
    }

    /** The next row's text. */
    public void add(String text) {
        for (PassageCutter.Span span : PassageCutter.cut(text)) {
            pending.add(new Pending(row, span.start(), span.end(), text.substring(span.start(), span.end())));
            if (vectors == null || pending.size() >= vectors.batch()) {
                flush();
            }
        }
        row++;
    }

    /** Indexes the passages waiting for their vectors (or, without vectors, the one passage waiting). */
    private void flush() {
        List<float[]> embedded = vectors == null ? null
                : vectors.embedder().embed(pending.stream().map(p -> vectors.prefix() + p.text()).toList());
        try {
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                Document doc = new Document();
                doc.add(new TextField(PassageAnalysis.FIELD, p.text(), Field.Store.NO));
                doc.add(new StoredField(ROW, p.row()));
                doc.add(new StoredField(START, p.start()));
                doc.add(new StoredField(END, p.end()));
                if (embedded != null) {
                    doc.add(new KnnFloatVectorField(VECTOR, embedded.get(i), vectors.unit()
                            ? VectorSimilarityFunction.DOT_PRODUCT : VectorSimilarityFunction.COSINE));
                }
                writer.addDocument(doc);
                passages++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pending.clear();
    }

    public long passages() {
        return passages;
    }

    /** Merges, commits and closes the index; its files, by name. */
    public List<Path> finish() throws IOException {
        if (!pending.isEmpty()) {
            flush();
        }
        // adjacent segments only, so the passages stay in shard order (ties rank in that order); all at once
        LogDocMergePolicy merge = new LogDocMergePolicy();
        merge.setMergeFactor(Integer.MAX_VALUE);
        // one compound file, whatever its size
        merge.setNoCFSRatio(1.0);
        merge.setMaxCFSSegmentSizeMB(Double.POSITIVE_INFINITY);
        writer.getConfig().setMergePolicy(merge);
        writer.forceMerge(1);
        writer.commit();
        writer.close();
        DeterministicSegment.canonicalise(directory, seed);
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> out = new ArrayList<>(files.sorted().toList());
            return out;
        }
    }

    @Override
    public void close() throws IOException {
        if (writer.isOpen()) {
            writer.rollback();
        }
    }
}
