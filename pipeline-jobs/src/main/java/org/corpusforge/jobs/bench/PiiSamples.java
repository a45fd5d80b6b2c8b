package org.corpusforge.jobs.bench;

import java.util.Random;

/**
 * Generates valid, made-up personal data of every type (check digits right, formats as people write them), for
 * tests and for the recall evaluation: nothing here belongs to anyone.
 */
public final class PiiSamples {
    private static final String[] PREFECTURES = org.corpusforge.filters.pii.PiiMasker.PREFECTURES.toArray(new String[0]);
    private static final String[] TOWNS = {"千代田区丸の内", "中央区銀座", "横浜市中区山下町", "札幌市北区北", "福岡市博多区博多駅前",
        "仙台市青葉区一番町", "名古屋市中区栄", "那覇市久茂地", "金沢市広坂", "松山市一番町"};
    private final Random random;

    public PiiSamples(long seed) {
        this.random = new Random(seed);
    }

    private String digits(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    public String of(String type) {
        return switch (type) {
            case "email" -> "user" + digits(3) + "." + (char) ('a' + random.nextInt(26)) + "@example" + digits(2)
                    + (random.nextBoolean() ? ".co.jp" : ".com");
            case "phone" -> switch (random.nextInt(5)) {
                case 0 -> "090-" + digits(4) + "-" + digits(4);
                case 1 -> "03-" + digits(4) + "-" + digits(4);
                case 2 -> "0120-" + digits(3) + "-" + digits(3);
                case 3 -> "+81-80-" + digits(4) + "-" + digits(4);
                default -> "(06)" + digits(4) + "-" + digits(4);
            };
            case "my_number" -> myNumber();
            case "corporate_number" -> corporateNumber();
            case "card" -> card();
            case "postal_code" -> "〒" + digits(3) + "-" + digits(4);
            case "ip" -> random.nextBoolean() ? (11 + random.nextInt(80)) + "." + random.nextInt(256) + "."
                    + random.nextInt(256) + "." + (1 + random.nextInt(254))
                    : "2400:" + Integer.toHexString(random.nextInt(0xffff)) + ":" + Integer.toHexString(random.nextInt(0xffff))
                    + "::" + Integer.toHexString(1 + random.nextInt(0xfffe));
            case "address" -> PREFECTURES[random.nextInt(PREFECTURES.length)] + TOWNS[random.nextInt(TOWNS.length)]
                    + (1 + random.nextInt(9)) + "丁目" + (1 + random.nextInt(30)) + "-" + (1 + random.nextInt(20));
            default -> throw new IllegalArgumentException("no samples for " + type);
        };
    }

    private String myNumber() {
        while (true) {
            String base = digits(11);
            for (int c = 0; c <= 9; c++) {
                if (org.corpusforge.filters.pii.Validators.myNumber(base + c)) {
                    String n = base + c;
                    return random.nextBoolean() ? n : n.substring(0, 4) + " " + n.substring(4, 8) + " " + n.substring(8);
                }
            }
        }
    }

    private String corporateNumber() {
        String base = digits(12);
        for (int c = 1; c <= 9; c++) {
            if (org.corpusforge.filters.pii.Validators.corporateNumber(c + base)) {
                return c + base;
            }
        }
        return corporateNumber();
    }

    private String card() {
        String base = "4" + digits(14);
        for (int c = 0; c <= 9; c++) {
            if (org.corpusforge.filters.pii.Validators.luhn(base + c)) {
                String n = base + c;
                return random.nextBoolean() ? n.substring(0, 4) + "-" + n.substring(4, 8) + "-" + n.substring(8, 12) + "-"
                        + n.substring(12) : n.substring(0, 4) + " " + n.substring(4, 8) + " " + n.substring(8, 12) + " "
                        + n.substring(12);
            }
        }
        throw new IllegalStateException("a Luhn digit always exists");
    }
}
