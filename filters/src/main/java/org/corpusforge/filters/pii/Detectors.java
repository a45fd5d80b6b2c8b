package org.corpusforge.filters.pii;

import java.util.List;

/**
 * The structured detectors, on NFKC-normalised text (full-width digits already ASCII). Every pattern is bounded
 * so that a match is never part of a longer run of digits or letters. No repeated group is unbounded and greedy:
 * Java recurses once per repetition of a group, so {@code (?:\\.x+)*} on {@code a.b.c.…} overflowed the stack; such
 * groups are possessive where giving back never helps a match, or bounded ({@code {0,30}} domain labels).
 */
final class Detectors {
    private static final String NOT_DIGIT_BEFORE = "(?<![0-9A-Za-z.+_-])";
    private static final String NOT_DIGIT_AFTER = "(?![0-9A-Za-z_-])";
    static final String PREFECTURES = "北海道|東京都|京都府|大阪府|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|"
            + "埼玉県|千葉県|神奈川県|新潟県|富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|兵庫県|奈良県|"
            + "和歌山県|鳥取県|島根県|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|"
            + "鹿児島県|沖縄県";

    private Detectors() {}

    static List<PiiDetector> structured() {
        return List.of(
                new RegexDetector("email",
                        "(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]++(?:\\.[A-Za-z0-9-]++){0,30}\\.[A-Za-z]{2,})"
                                + "(?![A-Za-z0-9])",
                        s -> true, "@"),
                new RegexDetector("card",
                        // one run of digits, four groups of four (with up to 3 more digits), or Amex's 4-6-5
                        NOT_DIGIT_BEFORE + "(\\d{13,19}|\\d{4}(?:[ -]\\d{4}){3}\\d{0,3}|\\d{4}[ -]\\d{6}[ -]\\d{4,5})"
                                + NOT_DIGIT_AFTER,
                        s -> Validators.luhn(RegexDetector.digits(s)) && groupedLikeACard(s)),
                new RegexDetector("corporate_number",
                        NOT_DIGIT_BEFORE + "(\\d{13}|\\d[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{4})" + NOT_DIGIT_AFTER,
                        s -> Validators.corporateNumber(RegexDetector.digits(s))),
                new RegexDetector("my_number",
                        NOT_DIGIT_BEFORE + "(\\d{4}[ -]?\\d{4}[ -]?\\d{4})" + NOT_DIGIT_AFTER,
                        s -> Validators.myNumber(RegexDetector.digits(s))),
                new RegexDetector("phone",
                        NOT_DIGIT_BEFORE + "((?:\\+81[ -]?\\(?0?\\)?|\\(?0)\\d{0,4}\\)?[ -]?\\(?\\d{1,4}\\)?[ -]?\\d{3,4})"
                                + NOT_DIGIT_AFTER,
                        Detectors::phone),
                new RegexDetector("postal_code",
                        "(?:〒|郵便番号[:：]?)\\s?(\\d{3}-\\d{4})(?!\\d)|(?<![\\d-])(\\d{3}-\\d{4})(?=\\s?(?:" + PREFECTURES + "))",
                        s -> true, "-"),
                new RegexDetector("ip",
                        "(?<![0-9A-Za-z.])((?:\\d{1,3}\\.){3}\\d{1,3})(?![0-9.]*[0-9A-Za-z])",
                        ip -> Validators.publicIpv4(ip) && !looksLikeSectionNumber(ip), "."),
                new RegexDetector("ip",
                        "(?<![0-9A-Za-z:])((?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{1,4})*+)(?![0-9A-Za-z:])",
                        Validators::publicIpv6, ":"),
                new RegexDetector("address",
                        "((?:" + PREFECTURES + ")[^\\s、。,]{1,12}?[市区町村郡][^\\s、。,]{0,20}?"
                                + "\\d+(?:丁目|番地?|号|-\\d+)(?:\\d+(?:番地?|号))?(?:-?\\d++(?:号)?)*+)",
                        s -> true, "都道府県"));
    }

    /** A national number of 10 digits (landline, 0120) or 11 (mobile 070/080/090, 0800, 050), or +81 forms. */
    private static boolean phone(String s) {
        String d = RegexDetector.digits(s);
        if (s.startsWith("+81")) {
            d = "0" + d.substring(2).replaceFirst("^0", "");
        }
        if (!d.startsWith("0") || d.startsWith("00")) {
            return false;
        }
        boolean mobile = d.matches("0[5789]0\\d{8}");
        boolean freeDial = d.matches("0800\\d{7}") || d.matches("0120\\d{6}");
        boolean landline = d.length() == 10 && !d.startsWith("0120") && !d.matches("0[5789]0.*");
        // a bare run of digits is too often something else; a real number is written with separators or +81
        boolean separated = s.matches(".*[ ()-].*") || s.startsWith("+81");
        return separated && (mobile || freeDial || landline);
    }

    /**
     * 2.6.32.1 is a kernel version or a section number far more often than an address: two leading numbers under 10
     * are taken as such (which also leaves well-known resolvers like 8.8.8.8 alone, which are no personal data).
     */
    private static boolean looksLikeSectionNumber(String ip) {
        String[] o = ip.split("\\.");
        return Integer.parseInt(o[0]) < 10 && Integer.parseInt(o[1]) < 10;
    }

    /** Card numbers are written as one run or in groups of four (Amex: 4-6-5); anything else is another number. */
    private static boolean groupedLikeACard(String s) {
        if (s.matches("\\d+")) {
            return true;
        }
        return s.matches("\\d{4}([ -]\\d{4}){2,3}(\\d{0,3})") || s.matches("\\d{4}[ -]\\d{6}[ -]\\d{4,5}")
                || s.matches("\\d{4}([ -]\\d{4}){3}[ -]\\d{1,3}");
    }
}
