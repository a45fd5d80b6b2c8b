package org.corpusforge.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TranscriptCleanerTest {
    @Test
    void soundNotesGoTextInRoundBracketsStays() {
        TranscriptCleaner c = new TranscriptCleaner(false);
        assertEquals("今日はいい天気ですね", c.clean("今日は（笑）いい天気ですね［拍手］"));
        assertEquals("本当に", c.clean("[音楽] ♪ラララ♪ 本当に"));
        assertEquals("会議は東京（本社）で行います", c.clean("会議は東京（本社）で行います(笑い)"));
        assertEquals("えー、そうですね", c.clean("えー、そうですね"));
    }

    @Test
    void fillersGoOnlyWhenAskedAndOnlyAsFillers() {
        TranscriptCleaner c = new TranscriptCleaner(true);
        assertEquals("そうですね", c.clean("えー、そうですね"));
        assertEquals("これは、あの人の本です", c.clean("えっと、これは、あの人の本です"));
        assertEquals("始めます", c.clean("あのー、うーん、始めます"));
    }
}
