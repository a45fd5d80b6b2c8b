package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus written by the release before struct columns (manifest format 2, shard schema document/2: MAP columns,
 * int32 token_count, no card): {@code src/test/resources/corpus-v2}, two sentences of Natsume Soseki (public
 * domain), made by commit 35f47e9 with normalize and length-ratio and the LLM-jp v3.1 tokenizer. show, verify and
 * stats still read it.
 */
class OldCorpusTest {

    @Test
    void aCorpusOfTheFormerSchemaIsShownVerifiedAndSummarised(@TempDir Path tmp) throws Exception {
        Path corpus = copy(Path.of("pipeline-jobs/src/test/resources/corpus-v2"), tmp.resolve("corpus"));
        Runs.Cli show = Runs.cli("show", corpus.toString(), "--limit", "0");
        assertEquals(0, show.exit(), show.err());
        String[] lines = show.out().split("\n");
        assertEquals(2, lines.length);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertEquals("夏目漱石", first.get("attributes").get("author").asText());
        assertTrue(first.get("signals").has("char_count"), first.toString());

        Runs.Cli verify = Runs.cli("verify", corpus.toString());
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        Runs.Cli stats = Runs.cli("stats", corpus.toString());
        assertEquals(0, stats.exit(), stats.err());
        assertTrue(stats.out().contains("44"), stats.out());

        // and a damaged one is still found out: the int32 token counts are read and summed
        Files.writeString(corpus.resolve("manifest.json"), Files.readString(corpus.resolve("manifest.json"))
                .replace("\"tokens\" : 44", "\"tokens\" : 45"));
        Runs.Cli tampered = Runs.cli("verify", corpus.toString());
        assertEquals(1, tampered.exit(), tampered.out());
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
