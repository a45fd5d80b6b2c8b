package org.corpusforge.filters;

import org.corpusforge.filters.text.MorphTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Folds old and new Japanese spelling onto one key, for near-duplicate shingles only (never for the text a corpus
 * keeps): the same work printed in 旧字旧仮名 and in 新字新仮名 then shares most of its character n-grams. The fold is
 * lossy on purpose and is applied to both sides of every comparison, so what it merges wrongly (new spellings that
 * happen to look like folded old ones) is merged in every document alike.
 *
 * <p>In order:
 * <ol>
 *   <li>old character forms to their modern ones (國 → 国, 學 → 学: 旧字体 to 新字体, kyujitai.js's table, MIT, from
 *       the 常用漢字表 and 人名用漢字), and ideographic variation selectors removed;</li>
 *   <li>words the 1956 list 「同音の漢字による書きかえ」 respells (理窟 → 理屈, 稀少 → 希少; the same table's
 *       {@code douon} part), longest first;</li>
 *   <li>iteration marks expanded: 々 repeats the character before it, ゝ/ヽ the kana before, ゞ/ヾ it voiced;</li>
 *   <li>historical kana usage by rule: small kana as full-size ones (old texts write ちよう for ちょう), ゐ/ゑ as い/え,
 *       ぢ/づ as じ/ず, は-row kana as わ-row ones (言ふ → 言う, 思はない → 思わない), a-row kana before う as o-row
 *       ones (やう → よう, さう → そう) and e-row ones before う as i-row + よ (せう → しよう, てふ → ちよう);</li>
 *   <li>punctuation and brackets removed (editions differ most in where they put 、);</li>
 *   <li>words that editions write in kanji or in kana (居る/いる, 云ふ/いう, 事/こと, 又/また, 此の/この) written in kana,
 *       longest first (conf/spelling/kana-words.tsv): what the readings fold did for these words, without
 *       morphology.</li>
 * </ol>
 * What was measured to matter, and what it costs, is in EVALUATION.md ("Near duplicates across spellings").
 */
public final class SpellingFold {
    private static final String A_ROW = "かさたなまやらわがざだばぱあ";
    private static final String O_ROW = "こそとのもよろをごぞどぼぽお";
    private static final String E_ROW = "けせてねめれげぜでべぺ";
    private static final String I_ROW = "きしちにみりぎじぢびぴ";
    private static final String SMALL = "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ";
    private static final String LARGE = "あいうえおつやゆよわかけアイウエオツヤユヨワカケ";
    private static final String HISTORICAL = "ゐゑヰヱぢづヂヅはひふへほハヒフヘホ";
    private static final String MODERN = "いえイエじずジズわいうえおワイウエオ";
    private static final String PUNCTUATION = "、。,.，．「」『』()（）〔〕［］【】〈〉《》・…‥―—-－ー";

    private static final SpellingFold DEFAULT = new SpellingFold(
            SpellingFold.class.getResourceAsStream("/spelling/kyujitai.json"),
            SpellingFold.class.getResourceAsStream("/spelling/kana-words.tsv"));

    private final Map<Integer, Integer> modernForms = new HashMap<>();
    private final Words respelledWords = new Words(2); // as it always was: the 1956 list's one-character rows unused
    private final Words kanaWords = new Words(1);

    /** The shipped table (conf/spelling/kyujitai.json). */
    public static SpellingFold shipped() {
        return DEFAULT;
    }

    SpellingFold(InputStream table, InputStream kanaTable) {
        try (InputStream in = table; InputStream kana = kanaTable) {
            JsonNode json = new ObjectMapper().readTree(in);
            for (JsonNode entry : json.path("kyuji")) {
                int modern = entry.get(0).asText().codePointAt(0);
                int old = entry.get(1).asText().codePointAt(0);
                if (old != modern) {
                    modernForms.put(old, modern);
                }
            }
            for (JsonNode entry : json.path("douon")) {
                for (JsonNode word : entry.path("words")) {
                    for (JsonNode modern : entry.path("new")) {
                        if (!word.asText().contains(modern.asText())) {
                            continue;
                        }
                        for (JsonNode old : entry.path("old")) {
                            String oldWord = modernForms(
                                    word.asText().replace(modern.asText(), old.asText()), false);
                            respelledWords.put(oldWord, modernForms(word.asText(), false));
                        }
                    }
                }
            }
            for (String line : new String(kana.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                kanaWords.put(foldKana(respelledWords.replace(modernForms(columns[0], false))), foldKana(columns[1]));
            }
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("the spelling table cannot be read: " + e.getMessage(), e));
        }
    }

    /** The folded key of {@code text}. */
    public String fold(CharSequence text) {
        return kanaWords.replace(foldKana(respelledWords.replace(modernForms(text, true))));
    }

    /**
     * The folded key with every word that holds a kanji replaced by its reading (Kuromoji, IPADIC), folded as kana
     * are: editions that open 居る, 此の, 事 into いる, この, こと (or the other way) then shingle alike. Costs
     * morphology (about 3 MB/s per core), so it is a separate option.
     */
    public String foldWithReadings(CharSequence text) {
        String folded = fold(text);
        StringBuilder read = new StringBuilder(folded.length());
        for (MorphTokenizer.Token token : MorphTokenizer.forCurrentThread().tokenize(folded)) {
            String surface = token.surface();
            if (token.reading() != null && surface.codePoints().anyMatch(SpellingFold::isIdeograph)) {
                token.reading().chars().forEach(c -> read.append(c >= 'ァ' && c <= 'ヶ' ? (char) (c - 0x60) : (char) c));
            } else {
                read.append(surface);
            }
        }
        return foldKana(read.toString());
    }

    private static boolean isIdeograph(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /** Step 1: modern character forms, and variation selectors removed when {@code selectors}. */
    private String modernForms(CharSequence text, boolean selectors) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = Character.codePointAt(text, i);
            i += Character.charCount(c);
            if (selectors && (c >= 0xFE00 && c <= 0xFE0F || c >= 0xE0100 && c <= 0xE01EF)) {
                continue;
            }
            out.appendCodePoint(modernForms.getOrDefault(c, c));
        }
        return out.toString();
    }

    /** Words replaced by others, longest first at each position (steps 2 and 6). */
    private static final class Words {
        private final Map<String, String> replacements = new HashMap<>();
        private final java.util.BitSet starts = new java.util.BitSet(0x10000);
        private final int shortest;
        private int longest;

        Words(int shortest) {
            this.shortest = shortest;
        }

        void put(String word, String replacement) {
            if (word.isEmpty() || word.equals(replacement)) {
                return;
            }
            replacements.put(word, replacement);
            starts.set(word.charAt(0));
            longest = Math.max(longest, word.length());
        }

        String replace(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); ) {
                String replaced = null;
                int length = 0;
                if (starts.get(text.charAt(i))) {
                    for (length = Math.min(longest, text.length() - i); length >= shortest; length--) {
                        replaced = replacements.get(text.substring(i, i + length));
                        if (replaced != null) {
                            break;
                        }
                    }
                }
                if (replaced != null) {
                    out.append(replaced);
                    i += length;
                } else {
                    out.append(text.charAt(i++));
                }
            }
            return out.toString();
        }
    }

    /** Steps 3 to 5, in one pass. */
    private static String foldKana(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (PUNCTUATION.indexOf(c) >= 0) {
                continue;
            }
            int last = out.length() - 1;
            if ((c == '々' || c == 'ゝ' || c == 'ヽ') && last >= 0) {
                c = out.charAt(last);
            } else if ((c == 'ゞ' || c == 'ヾ') && last >= 0) {
                c = voiced(out.charAt(last));
            }
            c = plain(c);
            if (c == 'う' && last >= 0) {
                char before = out.charAt(last);
                int a = A_ROW.indexOf(before);
                int e = E_ROW.indexOf(before);
                if (a >= 0) {
                    out.setCharAt(last, O_ROW.charAt(a));
                } else if (e >= 0) {
                    out.setCharAt(last, I_ROW.charAt(e));
                    out.append('よ');
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Small kana as full-size, historical kana as modern. */
    private static char plain(char c) {
        int small = SMALL.indexOf(c);
        if (small >= 0) {
            return LARGE.charAt(small);
        }
        int historical = HISTORICAL.indexOf(c);
        return historical >= 0 ? MODERN.charAt(historical) : c;
    }

    /** The voiced form of a kana (か → が), or the kana itself. */
    private static char voiced(char c) {
        String composed = java.text.Normalizer.normalize(c + "\u3099", java.text.Normalizer.Form.NFC);
        return composed.length() == 1 ? composed.charAt(0) : c;
    }
}
