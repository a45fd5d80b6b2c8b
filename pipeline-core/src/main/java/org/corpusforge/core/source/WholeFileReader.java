package org.corpusforge.core.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.stage.Outcome;

/**
 * A reader for formats where the whole file is one record (a book, a saved page, a subtitle file): loads the
 * file, unless it is larger than {@code max_record_bytes}, which quarantines it unread, and hands the bytes to
 * {@link #records}. An empty file is one {@code empty-file} quarantine record, as for every format.
 */
public abstract class WholeFileReader implements RecordReader {

    /** The records of one whole file; usually one document, perhaps with quarantined parts. */
    protected abstract List<Outcome> records(byte[] bytes, InputFile file, Provenance provenance);

    @Override
    public final Iterator<Outcome> read(InputStream in, InputFile file) {
        return new LazyOutcomes(file) {
            private Iterator<Outcome> pending;

            @Override
            protected Outcome computeNext() throws IOException {
                if (pending == null) {
                    pending = load(in, file);
                }
                return pending.hasNext() ? pending.next() : null;
            }

            @Override
            protected String currentLocator() {
                return "file";
            }
        };
    }

    private Iterator<Outcome> load(InputStream in, InputFile file) throws IOException {
        long max = file.spec().maxRecordBytes();
        byte[] bytes = in.readNBytes((int) max + 1);
        if (bytes.length == 0) {
            return Collections.emptyIterator();
        }
        Provenance provenance = new Provenance(file.uri(), "file", file.sha256());
        if (bytes.length > max) {
            return List.of(Outcome.unreadable(file.idPrefix(), file.source(), provenance, "record-too-large",
                    "the file is larger than max_record_bytes (" + max + ")", null)).iterator();
        }
        return records(bytes, file, provenance).iterator();
    }

    /** The file's text in its configured encoding, or detected; null when it does not decode. */
    protected static CharsetSniffer.Decoded decode(byte[] bytes, InputFile file) {
        return CharsetSniffer.decode(bytes, null, file.spec().encoding());
    }

    /** The quarantine record for a file no charset decodes. */
    protected static Outcome undecodable(byte[] bytes, InputFile file, Provenance provenance) {
        return Outcome.unreadable(file.idPrefix(), file.source(), provenance, "undecodable",
                "no charset decodes the bytes" + (org.corpusforge.core.source.InputSpec.AUTO.equals(
                        file.spec().encoding()) ? "" : " as " + file.spec().encoding()), StrictUtf8.lenient(bytes));
    }
}
