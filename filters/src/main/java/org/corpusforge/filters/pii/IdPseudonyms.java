package org.corpusforge.filters.pii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Document ids that hold an e-mail address or a phone number (user-generated datasets carry ids like
 * {@code user-…@example.co.jp}) become a stable pseudonym before anything is written: {@code pseudonym-} and the
 * first 32 hex digits of HMAC-SHA256 of the id under a key, the same in every run and resume given the same key.
 * Tracing a document back does not need its id ({@code source_uri}, {@code source_locator} and
 * {@code source_sha256} name its bytes), and the original id is kept nowhere. Only the e-mail and phone detectors
 * decide: the ones without check digits that a 12- or 16-digit numeric id could pass by chance.
 *
 * <p>The key is {@value #KEY_VARIABLE} from the environment, never written anywhere; without it, a built-in key,
 * with which anyone who guesses an address can check it against a pseudonym (the dataset card says which).
 */
public final class IdPseudonyms implements UnaryOperator<String> {
    public static final String KEY_VARIABLE = "CORPUSFORGE_ID_KEY";
    public static final String PREFIX = "pseudonym-";
    private static final String DEFAULT_KEY = "corpusforge-id-pseudonym/1";
    private static final PiiMasker DETECTORS = new PiiMasker(List.of("email", "phone"), Map.of());

    private final byte[] key;

    public IdPseudonyms(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /** Under {@value #KEY_VARIABLE}, or the built-in key when it is unset or empty. */
    public static IdPseudonyms fromEnvironment() {
        String key = System.getenv(KEY_VARIABLE);
        return new IdPseudonyms(key == null || key.isEmpty() ? DEFAULT_KEY : key);
    }

    /** Whether ids are pseudonymised under a key of the user's ({@value #KEY_VARIABLE} set). */
    public static boolean ownKey() {
        String key = System.getenv(KEY_VARIABLE);
        return key != null && !key.isEmpty();
    }

    /** The id as the outputs carry it: itself, or its pseudonym when it holds an e-mail address or phone number. */
    @Override
    public String apply(String id) {
        if (id == null || !holdsPersonalData(id)) {
            return id;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(id.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Whether the e-mail or phone detector finds something in the id (full-width forms folded first). Every id read
     * passes here, so the detectors run only on one with an @ or with the ten digits a phone number has at least.
     */
    static boolean holdsPersonalData(String id) {
        int digits = 0;
        boolean at = false;
        for (int i = 0; i < id.length() && !at; i++) {
            char c = id.charAt(i);
            at = c == '@' || c == '＠';
            digits += (c >= '0' && c <= '9') || (c >= '０' && c <= '９') ? 1 : 0;
        }
        return (at || digits >= PHONE_DIGITS) && !DETECTORS.find(Normalizer.normalize(id, Normalizer.Form.NFKC)).isEmpty();
    }

    /** The fewest digits of a number the phone detector takes (a landline's ten). */
    private static final int PHONE_DIGITS = 10;
}
