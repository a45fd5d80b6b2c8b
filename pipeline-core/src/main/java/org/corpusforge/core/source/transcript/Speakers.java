package org.corpusforge.core.source.transcript;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a speaker prefix off a transcript line: the broadcast-caption change markers {@code ≫ >> ＞＞}, and named
 * labels such as {@code 話者A:}, {@code 話者１：}, {@code Speaker 2:} or {@code SPEAKER_00:}. Free-form
 * {@code Name:} prefixes are left alone: in Japanese prose "注意：" is text, not a speaker.
 */
final class Speakers {
    private static final Pattern MARKER = Pattern.compile("^\\s*(?:≫|>>|＞＞|》》)\\s*");
    private static final Pattern LABEL = Pattern.compile(
            "^\\s*((?:話者|発話者)\\s*[A-Za-zＡ-Ｚａ-ｚ0-9０-９]{1,3}|(?i:speaker)[ _]?[A-Za-z0-9]{1,3})\\s*[:：]\\s*");

    private Speakers() {}

    /** The line without its prefix, and the speaker it named (null for a bare marker or no prefix). */
    record Split(String speaker, String text) {}

    static Split split(String line) {
        Matcher marker = MARKER.matcher(line);
        String rest = marker.find() ? line.substring(marker.end()) : line;
        Matcher label = LABEL.matcher(rest);
        if (label.find()) {
            return new Split(label.group(1).replaceAll("\\s+", ""), rest.substring(label.end()));
        }
        return new Split(null, rest);
    }
}
