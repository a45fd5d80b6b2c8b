package org.corpusforge.filters;

import org.corpusforge.filters.text.JapaneseNormalizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.Verdict;
import org.corpusforge.filters.toxicity.NgWordLexicon;
import org.corpusforge.filters.toxicity.ToxicityClassifier;
import org.corpusforge.filters.toxicity.ToxicityStage;
import org.junit.jupiter.api.Test;

class ToxicityTest {
    private final NgWordLexicon lexicon = new NgWordLexicon(Map.of(
            "offensive", List.of("バカ", "バカヤロー", "馬鹿野郎"), "sexual", List.of("SM", "ﾁﾝﾁﾝ")));

    @Test
    void everyOccurrenceIsFoundAndCoverageCountsEachCharacterOnce() {
        NgWordLexicon.Hits hits = lexicon.match("このバカヤローめ");
        assertEquals(Map.of("offensive", 2), hits.perCategory(), "バカ inside バカヤロー is a hit too");
        assertEquals(5.0 / 8, hits.coverage(), 1e-9, "5 covered of 8 Japanese characters");
        assertEquals(0.0, lexicon.match("平和な一日だった。").coverage());
    }

    @Test
    void wordsAreNormalisedLikeTheTextAndLatinWordsMatchOnlyAsWords() {
        assertEquals(Map.of("sexual", 1), lexicon.match(new JapaneseNormalizer().normalize("チンチン電車")).perCategory());
        assertEquals(Map.of(), lexicon.match("SMTP サーバーの設定").perCategory());
        assertEquals(Map.of("sexual", 1), lexicon.match("SM 雑誌").perCategory());
    }

    @Test
    void theShippedLexiconLoadsAndLeavesProseAlone() throws IOException {
        NgWordLexicon shipped = NgWordLexicon.builtIn();
        assertTrue(shipped.match("この馬鹿野郎").coverage() > 0.5);
        for (String text : JapaneseNormalizerTest.sampleTexts().subList(0, 53)) {
            assertTrue(shipped.match(new JapaneseNormalizer().normalize(text)).coverage() < 0.05);
        }
    }

    @Test
    void theClassifierLearnsDeterministicallyAndRoundTripsThroughItsFile() throws IOException {
        List<String> texts = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            texts.add("お前は本当に役立たずのクズだ" + i);
            labels.add(true);
            texts.add("今日は天気が良くて気持ちがいい" + i);
            labels.add(false);
        }
        ToxicityClassifier a = ToxicityClassifier.train(texts, labels, 10, 1);
        ToxicityClassifier b = ToxicityClassifier.train(texts, labels, 10, 1);
        assertTrue(a.probability("役立たずのクズめ") > 0.5);
        assertTrue(a.probability("天気が良い一日") < 0.5);
        StringWriter saved = new StringWriter();
        a.save(saved);
        StringWriter again = new StringWriter();
        b.save(again);
        assertEquals(saved.toString(), again.toString(), "same data, same seed, same model");
        ToxicityClassifier loaded = ToxicityClassifier.load(new StringReader(saved.toString()));
        assertEquals(a.probability("役立たず"), loaded.probability("役立たず"), 1e-12);
    }

    @Test
    void theStageDropsAtTheThresholdWithTheReasonToxicity() {
        ToxicityStage stage = new ToxicityStage(lexicon, null, 0.05, 0.5);
        Document doc = new Document("d", "バカバカバカ", SourceKind.WEB, new Provenance("f", "file", null), null);
        Verdict v = stage.apply(doc);
        assertEquals("toxicity", v.reason());
        assertEquals(1.0, v.document().signals().get("toxicity_score"));
        // 2 covered of 40 Japanese characters: exactly Swallow's 0.05, so exactly the threshold: dropped
        String forty = "一度だけバカと言ったが、その後は穏やかに話し合って、互いの考えを理解し合えたよ。";
        assertEquals(40, org.corpusforge.filters.text.ScriptCounts.of(forty).japanese());
        Verdict at = stage.apply(new Document("d", forty, SourceKind.WEB, new Provenance("f", "file", null), null));
        assertEquals(0.5, at.document().signals().get("toxicity_score"), 1e-12);
        assertEquals("toxicity", at.reason());
        Verdict below = stage.apply(new Document("d", forty + "ね", SourceKind.WEB, new Provenance("f", "file", null), null));
        assertEquals(Verdict.Kind.KEEP, below.kind(), "2 of 41 is under 5 %");
    }
}
