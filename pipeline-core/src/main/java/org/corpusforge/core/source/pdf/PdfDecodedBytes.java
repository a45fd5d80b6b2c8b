package org.corpusforge.core.source.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;

/**
 * The bytes a page's drawing decodes to (its content streams and the forms it draws, nested), counted while they are
 * decoded and stopped as soon as they pass what is allowed. PDFBox decodes a whole stream into memory before anyone
 * can count it, so a 2 MB deflate bomb cost 3.4 GB and two at once exhausted the heap: here each stream goes through
 * PDFBox's own filters into a counter that throws at the budget, before PDFBox is asked for the page.
 */
final class PdfDecodedBytes {
    /** Thrown when the budget is passed; the caller quarantines the PDF. */
    static final class TooMany extends IOException {
        TooMany() {
            super("decoded past the budget");
        }
    }

    /** Forms nest at most this deep for the count (PDFBox draws 25 levels). */
    private static final int MAX_FORM_DEPTH = 25;

    private final long allowed;
    private long decoded;
    private final Set<COSStream> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    private PdfDecodedBytes(long allowed) {
        this.allowed = allowed;
    }

    /** The page's drawing's decoded bytes, or {@link TooMany} once they pass {@code allowed}. */
    static long of(PDPage page, long allowed) throws IOException {
        PdfDecodedBytes count = new PdfDecodedBytes(allowed);
        for (Iterator<PDStream> streams = page.getContentStreams(); streams.hasNext(); ) {
            count.stream(streams.next().getCOSObject());
        }
        count.forms(page.getCOSObject().getCOSDictionary(COSName.RESOURCES), 0);
        return count.decoded;
    }

    private void forms(COSDictionary resources, int depth) throws IOException {
        if (resources == null || depth > MAX_FORM_DEPTH) {
            return;
        }
        COSDictionary xobjects = resources.getCOSDictionary(COSName.XOBJECT);
        if (xobjects == null) {
            return;
        }
        for (COSName name : xobjects.keySet()) {
            if (xobjects.getDictionaryObject(name) instanceof COSStream form
                    && COSName.FORM.equals(form.getCOSName(COSName.SUBTYPE)) && seen.add(form)) {
                stream(form);
                forms(form.getCOSDictionary(COSName.RESOURCES), depth + 1);
            }
        }
    }

    /** Decodes one stream through its filters into the counter; a stream PDFBox cannot decode counts as read. */
    private void stream(COSStream stream) throws IOException {
        List<COSName> filters = filters(stream.getFilters());
        try (InputStream raw = stream.createRawInputStream()) {
            InputStream in = raw;
            for (int i = 0; i < filters.size(); i++) {
                boolean last = i == filters.size() - 1;
                OutputStream out = last ? counter() : new Bounded();
                FilterFactory.INSTANCE.getFilter(filters.get(i)).decode(in, out, stream, i);
                if (!last) {
                    in = new ByteArrayInputStream(((Bounded) out).toByteArray());
                }
            }
            if (filters.isEmpty()) {
                raw.transferTo(counter());
            }
        } catch (TooMany e) {
            throw e;
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof TooMany tooMany) {
                throw tooMany;
            }
        } catch (IOException | RuntimeException e) {
            // damaged or unsupported: PDFBox's own reading says what it makes of it
        }
    }

    private static List<COSName> filters(COSBase filters) {
        List<COSName> names = new ArrayList<>();
        if (filters instanceof COSName name) {
            names.add(name);
        } else if (filters instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.getObject(i) instanceof COSName name) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** Counts bytes written, throwing once the drawing passes the budget. */
    private OutputStream counter() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                add(1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                add(len);
            }
        };
    }

    private void add(long n) throws TooMany {
        decoded += n;
        if (decoded > allowed) {
            throw new TooMany();
        }
    }

    /** A filter's output that feeds the next filter of a chain, bounded by the same budget. */
    private final class Bounded extends ByteArrayOutputStream {
        @Override
        public synchronized void write(byte[] b, int off, int len) {
            check(len);
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            check(1);
            super.write(b);
        }

        private void check(int n) {
            if (count + (long) n + decoded > allowed) {
                throw new java.io.UncheckedIOException(new TooMany());
            }
        }
    }
}
