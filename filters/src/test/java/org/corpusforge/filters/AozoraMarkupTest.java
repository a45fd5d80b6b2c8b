package org.corpusforge.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AozoraMarkupTest {
    private final AozoraMarkup markup = new AozoraMarkup();

    private static String resource(String name) throws IOException {
        try (InputStream in = AozoraMarkupTest.class.getResourceAsStream("/aozora/" + name)) {
            return new String(in.readAllBytes(), Charset.forName("windows-31j"));
        }
    }

    @Test
    void aRealFileComesOutAsPlainProse() throws IOException {
        AozoraMarkup.Result r = markup.clean(resource("2538_ruby_34475.txt"));
        assertEquals("十二支考", r.title());
        assertEquals("南方熊楠", r.author());
        assertTrue(r.text().startsWith("「張り交ぜの屏風ひつじの五目飯」てふ川柳がある。"), r.text().substring(0, 40));
        assertTrue(r.text().contains("羊に食わすほど紙潰しな業と思えど"), "ruby with ｜ removed");
        assertTrue(r.text().contains("毎年二月初めの日曜にこれを祝うて今に絶えぬと、ロイドの『瑞典小農生活』に出づ。"));
        for (String gone : List.of("《", "》", "［＃", "｜", "底本：", "青空文庫", "【テキスト中に現れる記号について】", "\r")) {
            assertFalse(r.text().contains(gone), "still contains " + gone);
        }
        // U+5AA6 from a Unicode note, and JIS X 0213 plane-row-cell notes, resolved to characters
        assertTrue(r.text().contains("\u5AA6"));
        assertEquals(0, r.gaijiUnresolved());
        assertTrue(r.gaijiResolved() > 10, "resolved " + r.gaijiResolved());
    }

    @Test
    void rubyAnnotationsAndGaijiOnSmallExamples() {
        String raw = "題\r\n著者\r\n\r\n一｜粒《つぶ》の麦《むぎ》［＃「麦」に傍点］が※［＃「目＋爭」、第3水準1-88-85］る。"
                + "［＃ここから２字下げ］［＃「［＃注］」は入れ子］く／＼と※［＃説明だけの外字］"
                + "［＃「慥へて」は底本では「［てへん＋慥のつくり］えて」と誤植］\r\n\r\n底本：「どこか」\r\n入力：誰か\r\n";
        AozoraMarkup.Result r = markup.clean(raw);
        assertEquals("一粒の麦が睜る。く〳〵と〓", r.text());
        assertEquals(1, r.gaijiResolved());
        assertEquals(1, r.gaijiUnresolved());
    }

    @Test
    void jisX0213CellsOfBothPlanes() {
        assertEquals("睜", JisX0213.toUnicode(1, 88, 85));
        assertEquals("あ", JisX0213.toUnicode(1, 4, 2));
        assertEquals("Ⅱ", JisX0213.toUnicode(1, 13, 22));
        assertEquals("\u30AB\u309A", JisX0213.toUnicode(1, 5, 87), "カ゚ is two code points");
        assertEquals("𠂉", JisX0213.toUnicode(2, 1, 1));
        assertEquals("丂", JisX0213.toUnicode(2, 1, 2));
        assertEquals(null, JisX0213.toUnicode(2, 2, 1), "plane 2 row 2 is not assigned");
        assertEquals(null, JisX0213.toUnicode(3, 1, 1));
    }

    @Test
    void aShortPieceWithoutAnnotationsKeepsItsText() throws IOException {
        AozoraMarkup.Result r = markup.clean(resource("3742_ruby_27218.txt"));
        assertEquals("支那の画", r.title());
        assertEquals("芥川龍之介", r.author());
        assertFalse(r.text().contains("《"));
        assertTrue(r.text().length() > 1000);
    }
}
