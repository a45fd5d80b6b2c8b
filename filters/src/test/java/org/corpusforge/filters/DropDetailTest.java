package org.corpusforge.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.Verdict;
import org.junit.jupiter.api.Test;

/** Issue 30: every drop says which value broke which threshold, not only the rule's name. */
class DropDetailTest {
    private static Document doc(String text) {
        return new Document("t/1", text, SourceKind.WEB, new Provenance("file:/x", "line:1", "00"), null);
    }

    @Test
    void aDropCarriesTheMeasuredValueAndTheThreshold() {
        Verdict shortText = new LengthRatioFilter(50, 1000, 0.5).apply(doc("吾輩は猫である。"));
        assertEquals("too-short", shortText.reason());
        assertEquals("char_count 8 < 50", shortText.detail());
        Verdict english = new LengthRatioFilter(1, 1000, 0.5).apply(doc("This is English text, mostly."));
        assertEquals("japanese_ratio 0 < 0.5", english.detail());
        QualityRule rule = QualityRule.defaults().get("max_katakana_fraction");
        Verdict katakana = new QualityStage(List.of(rule)).apply(doc("カタカナバカリノブンショウ。"));
        assertEquals("max_katakana_fraction", katakana.reason());
        assertEquals("katakana_fraction 0.9286 > 0.5", katakana.detail()); // 13 of 14 characters
    }
}
