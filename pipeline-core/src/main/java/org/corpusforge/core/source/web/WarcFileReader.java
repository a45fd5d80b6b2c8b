package org.corpusforge.core.source.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.source.CharsetSniffer;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.source.LazyOutcomes;
import org.corpusforge.core.source.RecordReader;
import org.corpusforge.core.stage.Outcome;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcConversion;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * WARC and WET files (plain, or gzip per record as Common Crawl writes them), with jwarc, one record at a time.
 * Response records with HTTP status 200 and an HTML (or plain text) payload become documents; WET conversion
 * records become documents as they are. Every other record is counted as dropped at {@code read}, with the
 * reason: {@code not-a-document} (warcinfo, request, metadata, revisit), {@code http-status} or
 * {@code not-html}. A record whose headers or payload are faulty is quarantined on its own ({@code bad-warc-header},
 * {@code bad-http}, {@code bad-payload}, {@code unsupported-content-encoding}); only a fault in the framing itself
 * (a record that does not parse, so its end is unknown) ends the file with a {@code read-error}. ARC files (the
 * format before WARC) are read by the same reader: jwarc turns their records into responses. The id is the WARC-Record-ID; the locator is the record's byte offset in the file as stored
 * (compressed), which is what Common Crawl's index gives.
 */
public final class WarcFileReader implements RecordReader {

    @Override
    public Iterator<Outcome> read(InputStream in, InputFile file) {
        WarcReader reader;
        try {
            reader = new WarcReader(in);
        } catch (IOException | RuntimeException e) {
            return Collections.singletonList(Outcome.unreadable(file.idPrefix(), file.source(),
                    new Provenance(file.uri(), "offset:0", file.sha256()), "read-error",
                    "not a WARC file: " + e, null)).iterator();
        }
        return new LazyOutcomes(file) {
            @Override
            protected Outcome computeNext() throws IOException {
                Optional<WarcRecord> next = reader.next();
                return next.isPresent() ? convert(next.get(), file) : null;
            }

            @Override
            protected String currentLocator() {
                return "offset:" + reader.position();
            }
        };
    }

    /**
     * One framed record as one outcome, never throwing: a fault in its headers or its payload quarantines this
     * record alone, and reading goes on with the next (jwarc skips to the record's end by its Content-Length).
     */
    private static Outcome convert(WarcRecord record, InputFile file) {
        Provenance provenance = new Provenance(file.uri(), "offset:" + record.position(), file.sha256());
        String fallbackId = file.idPrefix() + "@" + provenance.locator();
        // ARC records have no record id: the record's place in its file names it
        boolean arc = "ARC".equals(record.version().getProtocol());
        String header = headerProblem(record, arc);
        if (header != null) {
            return Outcome.unreadable(fallbackId, file.source(), provenance, "bad-warc-header", header, null);
        }
        String id = arc ? fallbackId : record.id().toString();
        try {
            if (record instanceof WarcResponse response) {
                return response(response, id, provenance, file);
            }
            if (record instanceof WarcConversion conversion) {
                return conversion(conversion, id, provenance, file);
            }
            return Outcome.skipped(id, file.source(), provenance, "not-a-document",
                    "a WARC " + token(record.type(), "[a-z-]{1,32}") + " record (documents come from response and "
                            + "conversion records)");
        } catch (ContentDecoding.UnsupportedCoding e) {
            return Outcome.unreadable(id, file.source(), provenance, "unsupported-content-encoding",
                    "Content-Encoding " + e.coding + " is not supported", null);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // the library's message may quote the record's bytes: only the kind of failure is kept
            return Outcome.unreadable(id, file.source(), provenance, "bad-payload",
                    "the payload could not be read (" + e.getClass().getSimpleName() + ")", null);
        }
    }

    /**
     * A header's value in a detail only when it has the shape such a value has: the detail goes to side outputs, and
     * a hostile header can hold anything (personal data too).
     */
    private static String token(String value, String shape) {
        String v = value == null ? "" : value.toLowerCase(java.util.Locale.ROOT);
        return v.matches(shape) ? v : "(unusual)";
    }

    /** Why the record's WARC headers cannot name and date a document, or null when they can. */
    private static String headerProblem(WarcRecord record, boolean arc) {
        try {
            if (!arc) {
                record.id();
            }
        } catch (RuntimeException e) {
            return record.headers().first("WARC-Record-ID").isPresent() ? "a malformed WARC-Record-ID"
                    : "no WARC-Record-ID";
        }
        try {
            record.date();
        } catch (RuntimeException e) {
            return record.headers().first("WARC-Date").isPresent() ? "a malformed WARC-Date" : "no WARC-Date";
        }
        return null;
    }

    private static Outcome response(WarcResponse response, String id, Provenance provenance, InputFile file)
            throws IOException {
        HttpResponse http;
        try {
            http = response.http();
        } catch (IOException | RuntimeException e) {
            return Outcome.unreadable(id, file.source(), provenance, "bad-http",
                    "unparsable HTTP response (" + e.getClass().getSimpleName() + ")", null);
        }
        if (http.status() != 200) {
            return Outcome.skipped(id, file.source(), provenance, "http-status",
                    "HTTP status " + http.status() + " (documents come from 200 responses)");
        }
        String contentType = http.headers().first("Content-Type").orElse(null);
        MediaType type = contentType == null ? null : MediaType.parseLeniently(contentType);
        boolean html = type == null || isHtml(type);
        if (!html && !isPlainText(type)) {
            return Outcome.skipped(id, file.source(), provenance, "not-html", "Content-Type "
                    + token(type.type() + "/" + type.subtype(), "[a-z0-9.+-]{1,40}/[a-z0-9.+-]{1,60}")
                    + " (documents come from HTML and plain text)");
        }
        byte[] body = readBody(ContentDecoding.decode(http.body().stream(), ContentDecoding.codings(http.headers())),
                file);
        if (body == null) {
            return tooLarge(id, provenance, file);
        }
        CharsetSniffer.Decoded decoded = CharsetSniffer.decode(body, contentType);
        if (decoded == null) {
            return Outcome.unreadable(id, file.source(), provenance, "undecodable", "no charset decodes the body",
                    null);
        }
        String url = response.target();
        TreeMap<String, String> attributes = new TreeMap<>();
        attributes.put("charset", decoded.charset());
        attributes.put("charset_source", decoded.method());
        attributes.put("warc_type", "response");
        if (html) {
            HtmlText.Page page = HtmlText.extract(decoded.text(), url);
            if (page.lang() != null) {
                attributes.put("html_lang", page.lang());
            }
            Document doc = new Document(id, page.text(), file.source(), provenance,
                    new Metadata(page.title(), url, response.date().toString(), file.spec().license(), attributes));
            return Outcome.kept(doc.withSignal("link_char_ratio", page.linkCharRatio()));
        }
        return Outcome.kept(new Document(id, decoded.text(), file.source(), provenance,
                new Metadata(null, url, response.date().toString(), file.spec().license(), attributes)));
    }

    private static Outcome conversion(WarcConversion conversion, String id, Provenance provenance, InputFile file)
            throws IOException {
        byte[] body = readBody(conversion.body().stream(), file);
        if (body == null) {
            return tooLarge(id, provenance, file);
        }
        CharsetSniffer.Decoded decoded = CharsetSniffer.decode(body, conversion.contentType().raw());
        if (decoded == null) {
            return Outcome.unreadable(id, file.source(), provenance, "undecodable", "no charset decodes the body",
                    null);
        }
        TreeMap<String, String> attributes = new TreeMap<>();
        attributes.put("charset", decoded.charset());
        attributes.put("charset_source", decoded.method());
        attributes.put("warc_type", "conversion");
        conversion.headers().first("WARC-Identified-Content-Language")
                .ifPresent(lang -> attributes.put("identified_language", lang));
        return Outcome.kept(new Document(id, decoded.text(), file.source(), provenance,
                new Metadata(null, conversion.target(), conversion.date().toString(), file.spec().license(),
                        attributes)));
    }

    private static boolean isHtml(MediaType type) {
        String t = (type.type() + "/" + type.subtype()).toLowerCase(Locale.ROOT);
        return t.equals("text/html") || t.equals("application/xhtml+xml");
    }

    private static boolean isPlainText(MediaType type) {
        return type != null && (type.type() + "/" + type.subtype()).equalsIgnoreCase("text/plain");
    }

    /** The body, or null when it is larger than the input's max_record_bytes (it is then not loaded). */
    private static byte[] readBody(InputStream body, InputFile file) throws IOException {
        long max = file.spec().maxRecordBytes();
        byte[] bytes = body.readNBytes((int) max + 1);
        return bytes.length > max ? null : bytes;
    }

    private static Outcome tooLarge(String id, Provenance provenance, InputFile file) {
        return Outcome.unreadable(id, file.source(), provenance, "record-too-large",
                "payload larger than max_record_bytes (" + file.spec().maxRecordBytes() + ")", null);
    }
}
