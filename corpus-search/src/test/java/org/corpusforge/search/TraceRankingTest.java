package org.corpusforge.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace ranks the documents behind an output by the output's text they hold verbatim (issue 45: a document four to
 * twenty times longer, holding one span and many of the output's words, came above the source).
 */
class TraceRankingTest {
    private static final String CAT = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。";
    private static final String CAT_MORE = "何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。";
    private static final String WEATHER = "今日はとても良い天気ですね。";
    private static final String START = "それでは始めましょう。";
    private static final String SNOW = "国境の長いトンネルを抜けると雪国であった。夜の底が白くなった。";

    @TempDir
    Path dir;

    private TextSearch search(List<String> docs) throws Exception {
        CharIndexBuilder builder = new CharIndexBuilder();
        docs.forEach(builder::add);
        Path file = dir.resolve("part-00000.csa");
        try (OutputStream out = Files.newOutputStream(file)) {
            builder.write(out);
        }
        DocumentLookup lookup = (shard, rows) -> {
            Map<Long, DocumentLookup.Provenance> found = new TreeMap<>();
            rows.forEach(r -> found.put(r, new DocumentLookup.Provenance("doc" + r, "file:/in", "line:" + r, "x", null)));
            return found;
        };
        // the output's words: its characters, which is what makes a long document full of them a strong BM25 match
        return new TextSearch(TextIndex.open(List.of(file)), java.util.function.UnaryOperator.identity(), lookup,
                List.of("shards/part-00000.parquet"), t -> t.codePoints().mapToObj(Character::toString).toList());
    }

    /** The long one: the output's common phrases over and over, one of the source's sentences, and more. */
    private static String longDocument() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            s.append(WEATHER).append(START).append("天気が良いので始めましょう。それでは今日も良い日ですね。")
                    // the source's words, not its sentences: what BM25 over words rewards
                    .append("猫の名前が無いのは吾輩にも見当がつかぬ。どこで生れたか、何でも記憶している。");
        }
        return s.append(CAT_MORE).toString();
    }

    @Test
    void theSourceOfSeveralSpansComesBeforeALongDocumentHoldingOne() throws Exception {
        TextSearch search = search(List.of(WEATHER + START, longDocument(), CAT + CAT_MORE, START + "良い天気でしたね。"));
        String output = WEATHER + CAT + START + CAT_MORE;
        TextSearch.TraceResult trace = search.trace(output, 8, 1000, 5, 10);
        assertEquals("doc2", trace.documents().get(0).document().id(), trace.documents().toString());
    }

    @Test
    void anOutputDrawnFromTwoSourcesShowsBothFirst() throws Exception {
        TextSearch search = search(List.of(longDocument(), SNOW + "駅長さん、駅長さん。", CAT + CAT_MORE,
                WEATHER + "雪国であった。"));
        String output = SNOW + WEATHER + CAT + START;
        TextSearch.TraceResult trace = search.trace(output, 8, 1000, 5, 10);
        assertEquals(List.of("doc1", "doc2"), trace.documents().subList(0, 2).stream()
                .map(d -> d.document().id()).sorted().toList(), trace.documents().toString());
    }
}
