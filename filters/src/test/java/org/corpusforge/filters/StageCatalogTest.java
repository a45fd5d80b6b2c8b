package org.corpusforge.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.stage.StageChain;
import org.junit.jupiter.api.Test;

class StageCatalogTest {
    private static StageChain build(String stagesYaml) {
        CorpusConfig c = CorpusConfig.parse("inputs: [{path: x}]\nstages:\n" + stagesYaml, List.of());
        StageChain chain = StageCatalog.build(c.stageNodes());
        c.finish();
        return chain;
    }

    @Test
    void stagesRunInConfiguredOrderUnderTheirIds() {
        StageChain chain = build("""
                  - name: length-ratio
                    id: short-first
                    min_chars: 1
                  - name: normalize
                  - name: length-ratio
                    enabled: false
                """);
        assertEquals(List.of("short-first", "normalize"), chain.names());
    }

    @Test
    void badStageEntriesNameTheProblem() {
        assertMessage("stages[0].name: unknown stage \"nfkc\"", "  - name: nfkc\n");
        assertMessage("stage id \"normalize\" is used twice", "  - name: normalize\n  - name: normalize\n");
        assertMessage("stages[0].min_japanese_ratio (length-ratio): expected a number from 0.0 to 1.0, got 1.5",
                "  - name: length-ratio\n    min_japanese_ratio: 1.5\n");
        assertMessage("stages[0]: min_chars 10 is above max_chars 5",
                "  - name: length-ratio\n    min_chars: 10\n    max_chars: 5\n");
        assertMessage("stages[0] (length-ratio): unknown key 'min_char' (did you mean min_chars?)", "  - name: length-ratio\n    min_char: 10\n");
        // a negative fraction once passed and dropped every document
        assertMessage("stages[0].rules.min_hiragana_fraction (quality): expected a number from 0.0 to 1.0, or false",
                "  - name: quality\n    rules: {min_hiragana_fraction: -0.1}\n");
        assertMessage("stages[0].rules.max_katakana_fraction (quality): expected a number from 0.0 to 1.0",
                "  - name: quality\n    rules: {max_katakana_fraction: 1.5}\n");
        assertMessage("stages[0].rules.min_chars (quality): expected a number from 0.0",
                "  - name: quality\n    rules: {min_chars: -5}\n");
        // a label the language stage never gives once dropped every document with the reason "language"
        assertMessage("stages[0].keep: \"jp\" is not a label this stage gives (ja, zh, cjk, ko, cyrl, en, latn, und, "
                + "or all)", "  - name: language\n    keep: [jp]\n");
        assertMessage("stages[0].keep: \"no\" is not a label", "  - name: language\n    keep: [ja, no]\n");
        build("  - name: language\n    keep: [ja, en, all]\n");
    }

    private static void assertMessage(String expected, String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> build(yaml));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
