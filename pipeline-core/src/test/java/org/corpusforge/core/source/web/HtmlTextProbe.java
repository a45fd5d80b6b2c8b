package org.corpusforge.core.source.web;

/** Opens HtmlText's package-private feed test to the reader tests. */
public final class HtmlTextProbe {
    private HtmlTextProbe() {}

    public static boolean isFeed(String text) {
        return HtmlText.isFeed(text);
    }
}
