package org.corpusforge.core.source.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one-pass subtitle scanners against the regular expressions they replace (which backtrack quadratically). */
class SubtitleMarkupTest {
    private static final Pattern TAG = Pattern.compile("<[^>]*>|\\{\\\\[^}]*}");
    private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^ >]*)?\\s+([^>]+)>");

    @Test
    void theScannersAgreeWithTheRegularExpressionsOnRandomMarkup() {
        Random random = new Random(27);
        // no tab: a tab inside a voice's class is taken as part of the class (the pattern would backtrack to it)
        String alphabet = "<>v. {\\}a話";
        for (int trial = 0; trial < 100_000; trial++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(16); i > 0; i--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String line = s.toString();
            assertEquals(TAG.matcher(line).replaceAll(""), SubtitleMarkup.stripTags(line), () -> "tags of " + line);
            Matcher m = VOICE.matcher(line);
            assertEquals(m.find() ? m.group(1).strip() : null, SubtitleMarkup.voice(line), () -> "voice of " + line);
        }
    }

    @Test
    void tagsAndVoicesAsSubtitlesWriteThem() {
        assertEquals("やあ 元気", SubtitleMarkup.stripTags("<v.loud 山田>やあ</v> {\\an8}<i>元気</i>"));
        assertEquals("山田", SubtitleMarkup.voice("<v.loud 山田>やあ</v>"));
        assertEquals("a < b", SubtitleMarkup.stripTags("a < b"));
    }
}
