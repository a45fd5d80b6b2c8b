package org.corpusforge.core.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.stage.Outcome;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/** Builds inputs for reader tests and reads them through the same path a run uses. */
final class TestFiles {
    private TestFiles() {}

    static InputSpec spec(String yamlInput) {
        return CorpusConfig.parse("inputs:\n  - " + yamlInput + "\n", List.of()).finish().inputs().get(0);
    }

    static List<Outcome> read(String uri, InputSpec spec, byte[] bytes) throws IOException {
        InputFile file = new InputFile(uri, uri.substring(uri.lastIndexOf('/') + 1), spec, bytes.length, "abc");
        List<Outcome> out = new ArrayList<>();
        FileRecords.read(file, () -> new ByteArrayInputStream(bytes)).forEachRemaining(out::add);
        return out;
    }

    static byte[] resource(String path) throws IOException {
        try (InputStream in = TestFiles.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    /** A gzip-per-record WARC of HTTP exchanges, each a request and a response, as a crawler writes them. */
    static final class Warc {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final WarcWriter writer;
        private final List<Long> offsets = new ArrayList<>();

        Warc() throws IOException {
            writer = new WarcWriter(java.nio.channels.Channels.newChannel(bytes), WarcCompression.GZIP);
        }

        Warc page(String url, int status, String contentType, byte[] body) throws IOException {
            String head = "HTTP/1.1 " + status + " X\r\n"
                    + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                    + "Content-Length: " + body.length + "\r\n\r\n";
            ByteArrayOutputStream http = new ByteArrayOutputStream();
            http.write(head.getBytes(StandardCharsets.ISO_8859_1));
            http.write(body);
            Instant date = Instant.parse("2024-05-18T00:00:00Z");
            writer.write(new WarcRequest.Builder(URI.create(url)).date(date)
                    .body(MediaType.HTTP_REQUEST, ("GET / HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII))
                    .build());
            offsets.add(writer.position());
            writer.write(new WarcResponse.Builder(URI.create(url)).date(date)
                    .body(MediaType.HTTP_RESPONSE, http.toByteArray()).build());
            return this;
        }

        Warc html(String url, String contentType, String html, Charset charset) throws IOException {
            return page(url, 200, contentType, html.getBytes(charset));
        }

        /** Byte offsets of the response records. */
        List<Long> responseOffsets() {
            return offsets;
        }

        byte[] bytes() throws IOException {
            writer.close();
            return bytes.toByteArray();
        }
    }
}
