package org.corpusforge.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DatasetCardTest {

    @Test
    void licencesTheHubKnowsKeepTheirIdentifierAndOthersBecomeOther() {
        assertEquals("cc-by-4.0", DatasetCard.hubLicense("CC-BY-4.0"));
        assertEquals("cc-by-sa-4.0", DatasetCard.hubLicense(" cc-by-sa-4.0 "));
        assertEquals("other", DatasetCard.hubLicense("public domain (Unlicense), ITA corpus"));
        assertEquals("unknown", DatasetCard.hubLicense(null));
    }

    @Test
    void theSizeCategoryFollowsTheDocumentCount() {
        assertEquals("n<1K", DatasetCard.sizeCategory(0));
        assertEquals("n<1K", DatasetCard.sizeCategory(999));
        assertEquals("1K<n<10K", DatasetCard.sizeCategory(1_000));
        assertEquals("100M<n<1B", DatasetCard.sizeCategory(123_456_789));
        assertEquals("n>1T", DatasetCard.sizeCategory(2_000_000_000_000L));
    }
}
