package org.corpusforge.core.source.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.source.LazyOutcomes;
import org.corpusforge.core.source.RecordReader;
import org.corpusforge.core.stage.Outcome;

/**
 * A PDF as one document, its text from the text layer with Apache PDFBox (Apache-2.0, pure Java, with the CMaps
 * Japanese fonts need, vertical Identity-V included): glyphs in the order the page draws them, laid out into lines
 * and columns ({@link PdfLayout}: vertical writing read top to bottom, right to left), running heads, footers and
 * page numbers taken out ({@link RunningText}), line breaks joined as Japanese wants (no space between Japanese
 * characters). The locator is {@code pages:1-N}; the attribute {@code page_starts} gives the character offset where
 * each page's text starts, so a span maps to its page. Title, author and creation date come from the document's
 * information (the pii stage masks them as it masks the text).
 *
 * <p>Bounded per file: the file is at most {@code max_record_bytes} (it is held while read), PDFBox caches at most as
 * much again of decoded streams, the pages' decoded drawing (content streams) at most 4 times {@code
 * max_record_bytes} (counted before each page is interpreted: a decompression bomb stops there), and the text at most
 * {@code max_record_bytes} characters; beyond any of them the file is quarantined ({@code record-too-large}). A file that needs a password is
 * quarantined ({@code encrypted}), so is one whose permissions forbid extracting its text
 * ({@code extraction-not-permitted}) and one PDFBox cannot parse even by its recovery ({@code damaged-pdf}). A PDF
 * with no text layer (scanned pages) is dropped with {@code no-text-layer}: there is no OCR here.
 *
 * <p>The signal {@code broken_char_fraction} is the share of the text's characters that a broken extraction
 * leaves (U+FFFD, private-use code points where a font had no Unicode mapping, control characters); the quality
 * stage's {@code max_broken_char_fraction} drops on it.
 */
public final class PdfFileReader implements RecordReader {
    /** The pages' decoded drawing a PDF may have, per byte of {@code max_record_bytes}. */
    static final long DECODED_PER_RECORD_BYTE = 4;
    /**
     * The drawing operations a PDF's pages may take, per byte of {@code max_record_bytes}: a page draws its text with
     * one or a few operations per word, so a PDF within the limit takes far fewer (a 300-page book: about a million).
     * Drawing an object counts as {@link DrawingWork#DRAW_OBJECT} operations.
     */
    static final long OPERATIONS_PER_RECORD_BYTE = 1;

    @Override
    public Iterator<Outcome> read(InputStream in, InputFile file) {
        return new LazyOutcomes(file) {
            private boolean done;

            @Override
            protected Outcome computeNext() throws IOException {
                if (done) {
                    return null;
                }
                done = true;
                return extract(in, file);
            }

            @Override
            protected String currentLocator() {
                return "file";
            }
        };
    }

    private static Outcome extract(InputStream in, InputFile file) throws IOException {
        long limit = file.spec().maxRecordBytes();
        Provenance whole = new Provenance(file.uri(), "file", file.sha256());
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 64, limit + 1));
        if (bytes.length > limit) {
            return Outcome.unreadable(file.idPrefix(), file.source(), whole, "record-too-large",
                    "a PDF larger than max_record_bytes (" + limit + ")", null);
        }
        PDDocument pdf;
        try {
            pdf = Loader.loadPDF(bytes, "", null, null, MemoryUsageSetting.setupMainMemoryOnly(limit).streamCache);
        } catch (InvalidPasswordException e) {
            return Outcome.unreadable(file.idPrefix(), file.source(), whole, "encrypted",
                    "the PDF needs a password to be read", null);
        } catch (IOException | RuntimeException e) {
            return Outcome.unreadable(file.idPrefix(), file.source(), whole, "damaged-pdf",
                    "PDFBox cannot parse it: " + oneLine(e), null);
        }
        try (pdf) {
            if (pdf.isEncrypted() && !pdf.getCurrentAccessPermission().canExtractContent()) {
                return Outcome.unreadable(file.idPrefix(), file.source(), whole, "extraction-not-permitted",
                        "the PDF's permissions forbid extracting its text", null);
            }
            int pageCount = pdf.getNumberOfPages();
            List<RunningText.Page> pages = new ArrayList<>();
            long chars = 0;
            long decoded = 0;
            long budget = DECODED_PER_RECORD_BYTE * limit;
            DrawingWork drawing = new DrawingWork(OPERATIONS_PER_RECORD_BYTE * limit);
            for (int p = 1; p <= pageCount; p++) {
                // the page's drawing (its content and the forms it draws), counted while it is decoded and before
                // PDFBox decodes it whole: a stream that inflates without end stops at the budget, in bounded memory
                try {
                    decoded += PdfDecodedBytes.of(pdf.getPage(p - 1), budget - decoded);
                } catch (PdfDecodedBytes.TooMany e) {
                    decoded = budget + 1;
                }
                if (decoded > budget) {
                    return Outcome.unreadable(file.idPrefix(), file.source(), whole, "record-too-large",
                            "its pages' drawing decodes to more than " + budget + " bytes by page " + p
                                    + " (" + DECODED_PER_RECORD_BYTE + " x max_record_bytes)", null);
                }
                List<PdfGlyph> glyphs;
                try {
                    glyphs = glyphs(pdf, p, drawing);
                } catch (DrawingTooLong e) {
                    return Outcome.unreadable(file.idPrefix(), file.source(), whole, "record-too-large",
                            "its pages' drawing takes more than " + OPERATIONS_PER_RECORD_BYTE * limit
                                    + " operations by page " + p + " (max_record_bytes; forms drawing each other?)",
                            null);
                }
                for (PdfGlyph g : glyphs) {
                    chars += g.text().length();
                }
                if (chars > limit) {
                    return Outcome.unreadable(file.idPrefix(), file.source(), whole, "record-too-large",
                            "more than max_record_bytes (" + limit + ") characters of text by page " + p, null);
                }
                PDRectangle box = pdf.getPage(p - 1).getCropBox();
                boolean turned = pdf.getPage(p - 1).getRotation() % 180 != 0;
                pages.add(new RunningText.Page(turned ? box.getHeight() : box.getWidth(),
                        turned ? box.getWidth() : box.getHeight(), PdfLayout.lines(glyphs)));
            }
            RunningText.Result body = RunningText.remove(pages);
            PdfLayout.Joined joined = PdfLayout.join(body.pages());
            String text = joined.text();
            int pagesWithText = (int) body.pages().stream()
                    .filter(lines -> lines.stream().anyMatch(l -> !l.text().isEmpty())).count();
            PDDocumentInformation info = pdf.getDocumentInformation();
            Map<String, String> attributes = new LinkedHashMap<>();
            if (info.getAuthor() != null && !info.getAuthor().isBlank()) {
                attributes.put("author", info.getAuthor().strip());
            }
            attributes.put("pages", String.valueOf(pageCount));
            attributes.put("page_starts", String.join(",", joined.pageStarts().stream().map(String::valueOf).toList()));
            if (pagesWithText < pageCount) {
                attributes.put("pages_without_text", String.valueOf(pageCount - pagesWithText));
            }
            if (body.removed() > 0) {
                attributes.put("running_lines_removed", String.valueOf(body.removed()));
            }
            String title = info.getTitle() == null || info.getTitle().isBlank() ? null : info.getTitle().strip();
            String date = info.getCreationDate() == null ? null : info.getCreationDate().toInstant().toString();
            Provenance provenance = new Provenance(file.uri(), "pages:1-" + pageCount, file.sha256());
            Document doc = new Document(file.idPrefix(), text, file.source(), provenance,
                    new Metadata(title, null, date, file.spec().license(), attributes))
                    .withSignal("broken_char_fraction", brokenFraction(text));
            if (pagesWithText == 0) {
                return Outcome.dropped(Outcome.READ_STAGE, "no-text-layer", pageCount
                        + " pages and no text layer (scanned pages?); no OCR here", doc);
            }
            return Outcome.kept(doc);
        }
    }

    /** A page's glyphs in drawing order, through PDFBox's text stripper (which also drops fake-bold overdraws). */
    private static List<PdfGlyph> glyphs(PDDocument pdf, int page, DrawingWork drawing) throws IOException {
        List<PdfGlyph> glyphs = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processOperator(org.apache.pdfbox.contentstream.operator.Operator operator,
                    List<org.apache.pdfbox.cos.COSBase> operands) throws IOException {
                drawing.count("Do".equals(operator.getName()) ? DrawingWork.DRAW_OBJECT : 1);
                super.processOperator(operator, operands);
            }

            @Override
            protected void writeString(String text, List<TextPosition> positions) {
                for (TextPosition t : positions) {
                    double height = Math.max(t.getHeightDir(), t.getFontSizeInPt() * 0.7);
                    glyphs.add(new PdfGlyph(t.getUnicode() == null ? "\uFFFD" : t.getUnicode(), t.getXDirAdj(),
                            t.getYDirAdj() - height, t.getWidthDirAdj(), height));
                }
            }
        };
        stripper.setSortByPosition(false);
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        stripper.getText(pdf);
        return glyphs;
    }

    /**
     * The drawing operations a PDF's pages take, counted against a budget: a form XObject drawn twice by a form drawn
     * twice ... is 2^25 drawings from a few hundred bytes (PDFBox stops recursion at 25 levels, not repetition), which
     * would run for hours.
     */
    private static final class DrawingWork {
        /**
         * Drawing an object (Do: a form, or a form PDFBox skips as nested too deep, which it logs) costs as much as
         * this many operations: PDFBox does about 300,000 a second, against millions of text operations.
         */
        static final long DRAW_OBJECT = 1024;
        private final long budget;
        private long operations;

        DrawingWork(long budget) {
            this.budget = budget;
        }

        void count(long cost) {
            operations += cost;
            if (operations > budget) {
                throw new DrawingTooLong();
            }
        }
    }

    /** Unchecked, so that no handler inside PDFBox's content stream engine takes it for one bad operator. */
    private static final class DrawingTooLong extends RuntimeException {
        DrawingTooLong() {
            super(null, null, false, false);
        }
    }

    /** U+FFFD, private use and control characters among the text's characters (line breaks and tabs aside). */
    static double brokenFraction(CharSequence text) {
        long all = 0;
        long broken = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\t' || cp == ' ') {
                continue;
            }
            all++;
            int type = Character.getType(cp);
            if (cp == 0xFFFD || type == Character.PRIVATE_USE || type == Character.CONTROL
                    || type == Character.UNASSIGNED || type == Character.SURROGATE) {
                broken++;
            }
        }
        return all == 0 ? 0 : Math.round((double) broken / all * 1e6) / 1e6;
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse("");
    }
}
