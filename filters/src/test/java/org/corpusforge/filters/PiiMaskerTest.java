package org.corpusforge.filters;

import org.corpusforge.filters.text.JapaneseNormalizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.corpusforge.filters.pii.PiiMasker;
import org.corpusforge.filters.pii.PiiSpan;
import org.corpusforge.filters.pii.Validators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiMaskerTest {
    private static final List<String> STRUCTURED = List.of("email", "corporate_number", "my_number", "card", "phone",
            "postal_code", "ip", "address");
    private final PiiMasker masker = new PiiMasker(PiiMasker.TYPES, Map.of());
    private final JapaneseNormalizer normalizer = new JapaneseNormalizer();

    @Test
    void fullWidthDigitsAreFoundAfterNormalisation() {
        String text = normalizer.normalize("電話は０９０－１２３４－５６７８、メールはｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐまで。");
        assertEquals("電話は<PHONE>、メールは<EMAIL>まで。", masker.mask(text).text());
        assertEquals(Map.of("email", 1, "phone", 1), masker.mask(text).counts());
    }

    @Test
    void lookAlikesAreLeftAlone() {
        for (String text : List.of("明治三十八年、1905年の事である。", "ISBN 978-4-10-101001-3 を参照。",
                "バージョン 192.168.1.1 は社内のアドレス。", "価格は 1,234,567 円、12345678901 件。",
                "手順 2.6.32.1 を実行する。", "123456789012 は検査数字が合わない。", "電話番号は 0312345678 と続けて書かない。")) {
            assertEquals(text, masker.mask(normalizer.normalize(text)).text(), text);
        }
        assertTrue(Validators.myNumber("123456789018"), "check digit 8 for 12345678901");
        assertTrue(!Validators.myNumber("123456789012"));
        assertTrue(Validators.luhn("4111111111111111"));
        assertTrue(!Validators.luhn("4111111111111112"));
        assertTrue(Validators.corporateNumber("5835678256246"), "a published corporate number");
        assertTrue(!Validators.publicIpv4("10.1.2.3") && Validators.publicIpv4("8.8.8.8"));
        assertTrue(Validators.publicIpv6("2001:4860:4860::8888") && !Validators.publicIpv6("fe80::1"));
    }

    @Test
    void namesNextToHonorificsOrLabelsWhenAsked() {
        PiiMasker names = new PiiMasker(List.of("name"), Map.of("name", "<人名>"));
        assertEquals("担当の<人名>さんに伝えてください。", names.mask("担当の山田太郎さんに伝えてください。").text());
        assertEquals("氏名:<人名>", names.mask("氏名:鈴木花子").text());
        assertEquals("山田は来なかった。", names.mask("山田は来なかった。").text(), "no honorific, no label");
        assertTrue(!new PiiMasker(STRUCTURED, Map.of()).mask("山田太郎さん").text().contains("<"), "off unless asked");
    }

    @Test
    void aDocumentThatIsMostlyPersonalDataIsDropped() {
        var stage = new org.corpusforge.filters.pii.PiiStage(masker, 0.1);
        var doc = new org.corpusforge.core.model.Document("d", "090-1111-2222\n080-3333-4444\n03-5555-6666",
                org.corpusforge.core.model.SourceKind.WEB,
                new org.corpusforge.core.model.Provenance("file:/x", "file", null), null);
        var v = stage.apply(doc);
        assertEquals("pii", v.reason());
        assertEquals(3.0, v.document().signals().get("pii_phone"));
    }
}
