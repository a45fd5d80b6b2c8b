package org.corpusforge.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.corpusforge.core.config.ConfigNode;
import org.junit.jupiter.api.Test;

/** A search query meets the text as normalisation left it, with every character of the query counted. */
class NormalizeStageQueryTest {
    private final NormalizeStage stage = NormalizeStage.fromSettings(ConfigNode.root(null));

    @Test
    void lineBreaksAtEitherEndOfAQueryStay() {
        assertEquals("た。\n", stage.normalizeQuery("た。\n"));
        assertEquals("\nた。", stage.normalizeQuery("\nた。"));
        assertEquals("\n\nABC\n", stage.normalizeQuery("\r\n\rＡＢＣ\r\n"), "CR LF and CR as LF, the rest as the text");
        assertEquals("た。\n私", stage.normalizeQuery("た。\n私"));
        assertEquals("ABC", stage.normalizeQuery("ＡＢＣ"));
    }
}
