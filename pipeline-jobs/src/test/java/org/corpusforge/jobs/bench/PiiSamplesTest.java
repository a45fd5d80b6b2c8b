package org.corpusforge.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.corpusforge.filters.text.JapaneseNormalizer;
import org.corpusforge.filters.pii.PiiMasker;
import org.corpusforge.filters.pii.PiiSpan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The evaluation's generated personal data is what the masker finds, planted in a real sentence. */
class PiiSamplesTest {
    private final PiiMasker masker = new PiiMasker(PiiMasker.TYPES, Map.of());
    private final JapaneseNormalizer normalizer = new JapaneseNormalizer();

    @ParameterizedTest
    @ValueSource(strings = {"email", "corporate_number", "my_number", "card", "phone", "postal_code", "ip", "address"})
    void everyGeneratedInstanceOfEveryTypeIsFoundInARealSentence(String type) throws IOException {
        PiiSamples samples = new PiiSamples(7);
        String sentence = "吾輩は猫である。";
        for (int i = 0; i < 200; i++) {
            String pii = samples.of(type);
            String text = normalizer.normalize(sentence + "連絡先は" + pii + "です。名前はまだ無い。");
            // the postal mark 〒 stays as context; the code itself is the personal part
            String planted = normalizer.normalize(pii).replace("〒", "");
            int at = text.indexOf(planted);
            List<PiiSpan> spans = masker.find(text);
            assertTrue(spans.stream().anyMatch(s -> s.type().equals(type) && s.start() <= at
                    && s.end() >= at + planted.length()), type + " not found in " + text + ": " + spans);
        }
    }
}
