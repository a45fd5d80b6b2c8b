package org.corpusforge.filters.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SubwordTokenizerTest {
    static final Path LLM_JP_V31 = Path.of("../conf/tokenizer/llm-jp-tokenizer-100k.ver3.1.model");

    static TokenizerModel llmJp() throws IOException {
        return new TokenizerModel("llm-jp-v3.1", LLM_JP_V31.toString(), TokenizerModel.Kind.SENTENCEPIECE,
                Files.readAllBytes(LLM_JP_V31));
    }

    @Test
    void llmJpIdsAreTheReferenceImplementations() throws IOException {
        SubwordTokenizer tokenizer = SubwordTokenizers.load(llmJp());
        // ids printed by Debian's python3-sentencepiece 0.1.97 for the same string and model
        assertArrayEquals(new int[] {279, 33502, 33266, 29282, 31669, 77343, 18, 66649, 55964, 71986, 28949, 279, 4309,
                        2256, 279, 30580, 279, 248, 168, 182, 191, 30342, 29495},
                tokenizer.encode("吾輩は猫である。\n名前はまだ無い。  English text 😀 𠮷野家"));
        assertEquals(98452, tokenizer.vocabularySize());
        assertEquals(2, tokenizer.idOf("</s>"));
        assertEquals("</s>", tokenizer.endOfSequence());
        assertEquals(-1, tokenizer.idOf("no such piece"));
        assertEquals(0, tokenizer.encode("").length);
    }

    @Test
    void oneLoadPerModelPerJvmWhateverItIsCalled() throws IOException {
        TokenizerModel model = llmJp();
        SubwordTokenizer first = SubwordTokenizers.shared(model);
        assertSame(first, SubwordTokenizers.shared(model));
        TokenizerModel renamed = new TokenizerModel("another name", "elsewhere.model", TokenizerModel.Kind.SENTENCEPIECE,
                Files.readAllBytes(LLM_JP_V31));
        SubwordTokenizer second = SubwordTokenizers.shared(renamed);
        assertEquals("another name", second.model().name());
        assertEquals("elsewhere.model", second.model().location());
        assertArrayEquals(first.encode("吾輩は猫である。"), second.encode("吾輩は猫である。"));
    }

    @Test
    void huggingFaceJsonAddsNoSpecialTokensAndReadsItsVocabulary() throws IOException {
        byte[] json = getClass().getResourceAsStream("/tokenize/tiny-unigram-tokenizer.json").readAllBytes();
        SubwordTokenizer tokenizer = SubwordTokenizers.load(new TokenizerModel("tiny", "tiny-unigram-tokenizer.json",
                TokenizerModel.Kind.ofFileName("tiny-unigram-tokenizer.json"), json));
        // ▁ 東京 都 に 住 ん で いる ▁ ABC (ＡＢＣ through the NFKC normaliser)
        assertArrayEquals(new int[] {2, 3, 6, 7, 8, 9, 10, 11, 2, 14}, tokenizer.encode("東京都に住んでいる ＡＢＣ"));
        assertEquals(18, tokenizer.vocabularySize());
        assertEquals(1, tokenizer.idOf("</s>"));
        assertEquals(-1, tokenizer.idOf("無"));
    }

    @Test
    void notAModelIsRefusedNamingTheFile() {
        TokenizerModel junk = new TokenizerModel("junk", "/tmp/junk.model", TokenizerModel.Kind.SENTENCEPIECE,
                "not a model".getBytes(StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubwordTokenizers.load(junk));
        assertTrue(e.getMessage().contains("/tmp/junk.model"), e.getMessage());
    }

    @Test
    void aLongDocumentIsEncodedWhole() throws IOException {
        SubwordTokenizer tokenizer = SubwordTokenizers.shared(llmJp());
        String paragraph = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。\n";
        int[] one = tokenizer.encode(paragraph);
        int[] many = tokenizer.encode(paragraph.repeat(20_000));
        // a paragraph that starts after a newline tokenises the same way each time, so counts add up exactly
        int[] two = tokenizer.encode(paragraph.repeat(2));
        int perRepeat = two.length - one.length;
        assertEquals(one.length + 19_999L * perRepeat, many.length);
    }

    @Test
    void inTextTokenisesAQueryAsItIsTokenisedInsideADocument() throws IOException {
        SubwordTokenizer tokenizer = SubwordTokenizers.shared(llmJp());
        // Debian's python3-sentencepiece: 私はりんごを食べた -> ▁私は/りんご/を/食べ/た, 。私はりんごを食べた ->
        // ▁。/私は/りんご/を/食べ/た, and 食べた alone -> ▁食べ/た (the dummy prefix)
        int[] whole = tokenizer.encode("私はりんごを食べた");
        assertArrayEquals(new int[] {53333, 29232}, tokenizer.encode("食べた"));
        assertArrayEquals(new int[] {76564, 29232}, java.util.Arrays.copyOfRange(whole, whole.length - 2, whole.length));
        SubwordTokenizer inText = tokenizer.inText();
        assertArrayEquals(new int[] {76564, 29232}, inText.encode("食べた"));
        int[] after = tokenizer.encode("。私はりんごを食べた");
        assertEquals(6, after.length);
        assertArrayEquals(java.util.Arrays.copyOfRange(after, 1, after.length), inText.encode("私はりんごを食べた"));
        assertEquals(tokenizer.vocabularySize(), inText.vocabularySize());
        assertEquals("りんごを食べた", tokenizer.decode(inText.encode("りんごを食べた")));
        assertEquals("", tokenizer.decode(new int[0]));
        // only the mark at the start changes: a space the text has is its own mark, as the dummy prefix was
        assertArrayEquals(tokenizer.encode("東京 タワー"), inText.encode(" 東京 タワー"));
    }
}
