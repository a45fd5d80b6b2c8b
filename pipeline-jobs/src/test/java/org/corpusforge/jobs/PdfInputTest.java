package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.source.FileRecords;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.stage.Outcome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * PDFs as a browser prints them (Debian's chromium, IPAGothic): horizontal and vertical Japanese over several
 * pages with the browser's running head (date, title) and footer (address, page "1/3"), and two columns; and, made
 * with PDFBox, a scanned page, an encrypted file, one that forbids extraction and one with a damaged
 * cross-reference table. The extracted text is compared with the text that was put in, as a character error rate.
 */
@ExtendWith(SharedSpark.class)
class PdfInputTest {
    private static final List<String> SENTENCES = new ArrayList<>();
    @TempDir
    static Path tmp;

    @BeforeAll
    static void sentences() throws Exception {
        for (String line : Files.readAllLines(Runs.repo().resolve("sample/ita/recitation_transcript_utf8.txt"))) {
            SENTENCES.add(line.split(":", 2)[1].split(",", 2)[0]);
        }
    }

    /** Paragraphs of ITA sentences, {@code count} of them, each of {@code per} sentences, from {@code from}. */
    private static List<String> paragraphs(int from, int count, int per) {
        List<String> paragraphs = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            paragraphs.add(String.join("", SENTENCES.subList(from + p * per, from + (p + 1) * per)));
        }
        return paragraphs;
    }

    /** The page printed by chromium, with its own running head and footer unless asked otherwise. */
    private static Path print(String name, String style, List<String> paragraphs, boolean headerFooter)
            throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            String why = "no /usr/bin/chromium (apt-get install chromium fonts-ipafont-gothic): PDFs not printed";
            if (System.getenv("CORPUSFORGE_REQUIRE_BROWSER") != null) {
                throw new AssertionError(why + ", and CORPUSFORGE_REQUIRE_BROWSER is set");
            }
            Assumptions.abort(why);
        }
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>試験文書 "
                + name + "</title><style>@page { size: A5; margin: 22mm 15mm; } body { font-family: IPAGothic; "
                + "font-size: 11pt; line-height: 1.6; } p { margin: 0 0 1em 0; } " + style + "</style></head><body>");
        for (String p : paragraphs) {
            html.append("<p>").append(p).append("</p>");
        }
        html.append("</body></html>");
        Path page = Files.writeString(tmp.resolve(name + ".html"), html);
        Path pdf = tmp.resolve("pdf").resolve(name + ".pdf");
        Files.createDirectories(pdf.getParent());
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--user-data-dir=" + tmp.resolve("profile-" + name), "--print-to-pdf=" + pdf));
        if (!headerFooter) {
            command.add("--no-pdf-header-footer");
        }
        command.add(page.toUri().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES) && Files.size(pdf) > 0, "chromium printed no " + pdf);
        return pdf;
    }

    private static List<Outcome> read(Path pdf) throws Exception {
        String uri = "file:" + pdf;
        InputFile file = new InputFile(uri, pdf.getFileName().toString(),
                CorpusConfig.parse("inputs: [{path: x}]\n", List.of()).finish().inputs().get(0), Files.size(pdf),
                "sha");
        List<Outcome> out = new ArrayList<>();
        FileRecords.readOrQuarantine(file, () -> Files.newInputStream(pdf)).forEachRemaining(out::add);
        return out;
    }

    private static String firstDifference(String expected, String actual) {
        int i = 0;
        while (i < expected.length() && i < actual.length() && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        return "differs at " + i + ": expected [" + expected.substring(Math.max(0, i - 20), Math.min(expected.length(),
                i + 20)) + "] got [" + actual.substring(Math.max(0, i - 20), Math.min(actual.length(), i + 20)) + "]";
    }

    /** Edits (insertions, deletions, substitutions of code points) over the expected text's length. */
    static double characterErrorRate(String expected, String actual) {
        int[] e = expected.codePoints().toArray();
        int[] a = actual.codePoints().toArray();
        int[] previous = new int[a.length + 1];
        int[] current = new int[a.length + 1];
        for (int j = 0; j <= a.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= e.length; i++) {
            current[0] = i;
            for (int j = 1; j <= a.length; j++) {
                current[j] = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1),
                        previous[j - 1] + (e[i - 1] == a[j - 1] ? 0 : 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return (double) previous[a.length] / Math.max(1, e.length);
    }

    @Test
    void horizontalPagesComeOutAsWrittenWithoutTheBrowsersHeadAndFooter() throws Exception {
        List<String> paragraphs = paragraphs(0, 8, 6);
        Path pdf = print("horizontal", "", paragraphs, true);
        List<Outcome> out = read(pdf);
        assertEquals(1, out.size());
        Outcome o = out.get(0);
        assertEquals(Outcome.Status.KEPT, o.status(), String.valueOf(o.detail()));
        int pages = Integer.parseInt(o.document().metadata().attributes().get("pages"));
        assertTrue(pages >= 2, pages + " pages");
        assertEquals("pages:1-" + pages, o.provenance().locator());
        assertEquals("試験文書 horizontal", o.document().metadata().title());
        assertEquals(0.0, characterErrorRate(String.join("\n", paragraphs), o.document().text()),
                firstDifference(String.join("\n", paragraphs), o.document().text()));
        String[] starts = o.document().metadata().attributes().get("page_starts").split(",");
        assertEquals(pages, starts.length);
        assertEquals(0.0, o.document().signals().get("broken_char_fraction"));
    }

    @Test
    void verticalWritingIsReadTopToBottomRightToLeft() throws Exception {
        List<String> paragraphs = paragraphs(60, 6, 5);
        Path pdf = print("vertical", "body { writing-mode: vertical-rl; } p { margin: 0 0 0 1em; }", paragraphs,
                true);
        Outcome o = read(pdf).get(0);
        assertEquals(Outcome.Status.KEPT, o.status(), String.valueOf(o.detail()));
        double cer = characterErrorRate(String.join("\n", paragraphs), o.document().text());
        System.out.printf("vertical: %s pages, character error rate %.4f%n",
                o.document().metadata().attributes().get("pages"), cer);
        assertTrue(cer <= 0.01, "character error rate " + cer + ":\n" + o.document().text());
    }

    @Test
    void twoColumnsAreReadColumnByColumn() throws Exception {
        List<String> paragraphs = paragraphs(120, 6, 4);
        Path pdf = print("columns", "body { column-count: 2; column-gap: 8mm; }", paragraphs, false);
        Outcome o = read(pdf).get(0);
        assertEquals(0.0, characterErrorRate(String.join("\n", paragraphs), o.document().text()),
                o.document().text());
    }

    @Test
    void scannedEncryptedAndDamagedFilesAreDroppedOrQuarantinedWithTheirReasons() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("hostile"));
        // a scanned page: an image and no text
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            java.awt.image.BufferedImage scan = new java.awt.image.BufferedImage(200, 100,
                    java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
            PDImageXObject image = LosslessFactory.createFromImage(doc, scan);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawImage(image, 50, 500);
            }
            doc.save(dir.resolve("scanned.pdf").toFile());
        }
        Path printed = print("secret", "", paragraphs(200, 2, 3), false);
        try (PDDocument doc = Loader.loadPDF(printed.toFile())) {
            doc.protect(new StandardProtectionPolicy("owner", "user", new AccessPermission()));
            doc.save(dir.resolve("password.pdf").toFile());
        }
        try (PDDocument doc = Loader.loadPDF(printed.toFile())) {
            AccessPermission noCopy = new AccessPermission();
            noCopy.setCanExtractContent(false);
            doc.protect(new StandardProtectionPolicy("owner", "", noCopy));
            doc.save(dir.resolve("no-extraction.pdf").toFile());
        }
        // the cross-reference table's offsets pointed elsewhere: PDFBox's recovery reads the objects again
        byte[] bytes = Files.readAllBytes(printed);
        String latin = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int startxref = latin.lastIndexOf("startxref");
        byte[] damaged = bytes.clone();
        for (int i = startxref + 10; i < startxref + 14 && i < damaged.length; i++) {
            if (Character.isDigit(damaged[i])) {
                damaged[i] = '9';
            }
        }
        Files.write(dir.resolve("damaged-xref.pdf"), damaged);
        Files.write(dir.resolve("truncated.pdf"), java.util.Arrays.copyOf(bytes, 300));

        Map<String, String> fates = new TreeMap<>();
        Map<String, Outcome> byName = new TreeMap<>();
        for (String name : List.of("scanned", "password", "no-extraction", "damaged-xref", "truncated")) {
            List<Outcome> out = read(dir.resolve(name + ".pdf"));
            assertEquals(1, out.size(), name);
            fates.put(name, out.get(0).status() + " " + out.get(0).reason());
            byName.put(name, out.get(0));
        }
        assertEquals(Map.of("scanned", "DROPPED no-text-layer", "password", "QUARANTINED encrypted",
                "no-extraction", "QUARANTINED extraction-not-permitted", "damaged-xref", "KEPT null",
                "truncated", "QUARANTINED damaged-pdf"), fates);
        assertEquals(String.join("\n", paragraphs(200, 2, 3)), byName.get("damaged-xref").document().text());
    }

    @Test
    void aDecompressionBombIsQuarantinedNotHeld() throws Exception {
        // a page whose content stream is 1 GiB of spaces, a megabyte or so compressed; the file is far under the
        // 16 MiB limit, its decoded stream far over it
        Path bomb = tmp.resolve("hostile-bomb.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            org.apache.pdfbox.pdmodel.common.PDStream content = new org.apache.pdfbox.pdmodel.common.PDStream(doc);
            try (java.io.OutputStream out = content.createOutputStream(org.apache.pdfbox.cos.COSName.FLATE_DECODE)) {
                byte[] spaces = new byte[1 << 20];
                java.util.Arrays.fill(spaces, (byte) ' ');
                for (int i = 0; i < 1024; i++) {
                    out.write(spaces);
                }
            }
            page.setContents(content);
            doc.save(bomb.toFile());
        }
        assertTrue(Files.size(bomb) < 4 << 20, Files.size(bomb) + " bytes");
        String uri = "file:" + bomb;
        InputFile file = new InputFile(uri, "bomb.pdf", CorpusConfig.parse(
                "inputs: [{path: x, max_record_bytes: 16777216}]\n", List.of()).finish().inputs().get(0),
                Files.size(bomb), "sha");
        List<Outcome> out = new ArrayList<>();
        FileRecords.readOrQuarantine(file, () -> Files.newInputStream(bomb)).forEachRemaining(out::add);
        assertEquals(1, out.size());
        assertEquals(Outcome.Status.QUARANTINED, out.get(0).status(), out.get(0).reason());
        assertEquals("record-too-large", out.get(0).reason());
    }

    @Test
    void aDirectoryOfPdfsRunsThroughTheSampleChainWithEveryFileAccountedFor() throws Exception {
        print("run-horizontal", "", paragraphs(240, 6, 6), true);
        print("run-vertical", "body { writing-mode: vertical-rl; }", paragraphs(276, 6, 6), true);
        Files.write(tmp.resolve("pdf").resolve("not-a.pdf"), "%PDF-1.7\n garbage".getBytes());
        Path out = tmp.resolve("out");
        String sample = Files.readString(Runs.repo().resolve("conf/sample.yaml"))
                .replace("conf/", Runs.repo().resolve("conf").toString() + "/");
        Manifest m = CorpusJob.run(SharedSpark.session(), new RunOptions(PipelinePlan.parse(sample,
                List.of(tmp.resolve("pdf").toString() + "/run-*.pdf", tmp.resolve("pdf").resolve("not-a.pdf")
                        .toString()), Map.of("stages.quality.rules.min_chars", "100",
                        // the ITA corpus's sentences are short, read aloud
                        "stages.quality.rules.min_avg_sentence_length", "false")), out.toString(), false, 2));
        assertEquals(List.of(), Runs.problems(out));
        assertEquals(3, m.totals().recordsRead());
        assertEquals(2, m.totals().kept(), m.stages().toString());
        assertEquals(1, m.totals().quarantined());
    }
}
