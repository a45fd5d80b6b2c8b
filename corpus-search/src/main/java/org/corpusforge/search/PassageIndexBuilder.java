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
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
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

    private final Path directory;
    private final String seed;
    private final IndexWriter writer;
    private long row;
    private long passages;

    public PassageIndexBuilder(Path directory, String seed) throws IOException {
        this.directory = directory;
        this.seed = seed;
        IndexWriterConfig config = new IndexWriterConfig(PassageAnalysis.analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setUseCompoundFile(true)
                .setCommitOnClose(false)
                .setRAMBufferSizeMB(32);
        this.writer = new IndexWriter(FSDirectory.open(directory, NoLockFactory.INSTANCE), config);
    }

    /** The next row's text. */
    public void add(String text) {
        Document doc = new Document();
        TextField field = new TextField(PassageAnalysis.FIELD, "", Field.Store.NO);
        StoredField rowField = new StoredField(ROW, row);
        StoredField start = new StoredField(START, 0);
        StoredField end = new StoredField(END, 0);
        doc.add(field);
        doc.add(rowField);
        doc.add(start);
        doc.add(end);
        try {
            for (PassageCutter.Span span : PassageCutter.cut(text)) {
                field.setStringValue(text.substring(span.start(), span.end()));
                start.setIntValue(span.start());
                end.setIntValue(span.end());
                writer.addDocument(doc);
                passages++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        row++;
    }

    public long passages() {
        return passages;
    }

    /** Merges, commits and closes the index; its files, by name. */
    public List<Path> finish() throws IOException {
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
