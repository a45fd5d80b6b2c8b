package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * `corpusforge tokenize` (DJL's binding of SentencePiece) against the reference Python binding, line by line, on the
 * bundled sample's real text: whole Aozora files with ruby and annotation markup, HTML-free web text, subtitles,
 * transcripts. (The Megatron test compares whole multi-line documents the same way.)
 */
@ExtendWith(SharedSpark.class)
class TokenizerEquivalenceTest {
    @TempDir
    Path tmp;

    @Test
    void idsEqualPythonSentencepieceOnEveryLineOfTheSample() throws Exception {
        List<String> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Runs.repo().resolve("sample/aozora/aozora_pd_sample.jsonl.gz"))),
                StandardCharsets.UTF_8))) {
            for (String record; (record = in.readLine()) != null && lines.size() < 20_000; ) {
                lines.addAll(List.of(json.readTree(record).get("text").asText().split("\r?\n")));
            }
        }
        for (String file : List.of("sample/ita/recitation_transcript_utf8.txt", "sample/mixed/talk.srt",
                "sample/mixed/talk.vtt", "sample/mixed/ita.tsv")) {
            lines.addAll(Files.readAllLines(Runs.repo().resolve(file), StandardCharsets.UTF_8));
        }
        // a raw Aozora Bunko file, Shift_JIS as Aozora writes it
        lines.addAll(Files.readAllLines(Runs.repo().resolve("sample/mixed/44702_txt_38090.txt"),
                java.nio.charset.Charset.forName("windows-31j")));
        lines.addAll(List.of("", " ", "  leading and trailing  ", "ｶﾀｶﾅとＡＢＣ１２３", "😀👍🏽 𠮷野家 々〆ヶ", "\tタブ\t",
                "int main(void) { return 0; }", "ﾞﾟ゛゜ が か゛"));
        lines.replaceAll(l -> l.replace("\r", ""));
        Path input = tmp.resolve("lines.txt");
        Files.writeString(input, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        Runs.Cli java;
        InputStream stdin = System.in;
        try (InputStream in = Files.newInputStream(input)) {
            System.setIn(in);
            java = Runs.cli("tokenize", "--model", TokenizedShardsTest.MODEL);
        } finally {
            System.setIn(stdin);
        }
        assertEquals(0, java.exit(), java.err());
        PythonReference.Result python = PythonReference.script("sentencepiece-ids.py", input,
                "--model", Runs.repo().resolve(TokenizedShardsTest.MODEL).toString());
        assertEquals(0, python.exit(), python.err());

        String[] expected = python.out().split("\n", -1);
        String[] actual = java.out().split("\n", -1);
        assertTrue(lines.size() > 5_000, lines.size() + " lines");
        assertEquals(lines.size() + 1, expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], "line " + (i + 1) + ": " + (i < lines.size() ? lines.get(i) : ""));
        }
        assertEquals(expected.length, actual.length);
    }
}
