package org.corpusforge.core.source.web;

import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The main text of an HTML page, with jsoup: scripts, styles, navigation, headers, footers, asides, forms and
 * hidden elements are dropped; block elements become line breaks, so paragraph-level stages see paragraphs.
 * The title, the {@code <html lang>} and the share of characters that sit inside links are kept.
 * RSS, RDF and Atom feeds are read item by item, their HTML descriptions included.
 */
public final class HtmlText {
    private static final Set<String> DROPPED = Set.of("script", "style", "noscript", "nav", "header", "footer",
            "aside", "form", "template", "iframe", "svg", "canvas", "button", "select", "textarea", "input",
            "object", "embed", "head", "menu", "dialog");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1",
            "h2", "h3", "h4", "h5", "h6", "tr", "table", "thead", "tbody", "pre", "blockquote", "section",
            "article", "main", "figure", "figcaption", "address", "hr", "td", "th", "caption", "details",
            "summary", "body", "center");

    /** The extracted text and what was learnt about the page. */
    public record Page(String text, String title, String lang, int linkChars) {
        /** Characters inside links as a share of all non-whitespace characters; 0 for an empty page. */
        public double linkCharRatio() {
            long visible = text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
            return visible == 0 ? 0.0 : Math.min(1.0, (double) linkChars / visible);
        }
    }

    private HtmlText() {}

    public static Page extract(String html, String baseUri) {
        return isFeed(html) ? feed(html, baseUri) : page(html, baseUri);
    }

    /** The page as HTML, never as a feed: a feed's item text is read this way, so escaped feeds nest no deeper. */
    private static Page page(String html, String baseUri) {
        org.jsoup.nodes.Document doc = Jsoup.parse(html, baseUri == null ? "" : baseUri);
        String lang = doc.selectFirst("html") == null ? null : blankToNull(doc.selectFirst("html").attr("lang"));
        String title = blankToNull(doc.title());
        TextCollector collector = new TextCollector();
        NodeTraversor.traverse(collector, doc.body() == null ? doc : doc.body());
        return new Page(collector.text(), title, lang, collector.linkChars);
    }

    /**
     * Whether the document's root element is a feed's ({@code rss}, {@code rdf:RDF}, {@code feed}, with any
     * namespace prefix): what comes before it may only be an XML declaration, processing instructions, comments,
     * a doctype and white space. A page that merely mentions {@code <rss} (in a comment, a custom element such as
     * {@code <feedback-widget>}) is a page.
     */
    static boolean isFeed(String html) {
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                if (end < 0) {
                    return false;
                }
                i = end + 3;
            } else if (html.startsWith("<?", i) || html.startsWith("<!", i)) {
                int end = html.indexOf('>', i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 1;
            } else if (c == '<') {
                int start = i + 1;
                int end = start;
                while (end < n && isNameChar(html.charAt(end))) {
                    end++;
                }
                String name = html.substring(start, end).toLowerCase(Locale.ROOT);
                int colon = name.indexOf(':');
                String local = colon < 0 ? name : name.substring(colon + 1);
                return name.equals("rss") || name.equals("rdf:rdf") || local.equals("feed") && !name.isEmpty();
            } else {
                return false;
            }
        }
        return false;
    }

    private static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == ':' || c == '-' || c == '_' || c == '.');
    }

    /** Channel title, then per item its title and description, blank lines between items. */
    private static Page feed(String xml, String baseUri) {
        org.jsoup.nodes.Document doc = Jsoup.parse(xml, baseUri == null ? "" : baseUri, Parser.xmlParser());
        StringBuilder out = new StringBuilder();
        int linkChars = 0;
        Element channelTitle = doc.selectFirst("channel > title, feed > title");
        String title = channelTitle == null ? null : blankToNull(channelTitle.text());
        for (Element item : doc.select("item, entry")) {
            for (Element part : item.children()) {
                String name = part.normalName();
                if (name.equals("title") || name.equals("description") || name.equals("content:encoded")
                        || name.equals("content") || name.equals("summary")) {
                    Page inner = page("<html><body>" + part.wholeText() + "</body></html>", baseUri);
                    if (!inner.text().isBlank()) {
                        out.append(inner.text()).append('\n');
                        linkChars += inner.linkChars();
                    }
                }
            }
            out.append('\n');
        }
        Element lang = doc.selectFirst("dc|language, language");
        return new Page(out.toString().strip(), title, lang == null ? null : blankToNull(lang.text()), linkChars);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Walks the body, skipping dropped and hidden subtrees, turning blocks into line breaks. */
    private static final class TextCollector implements NodeVisitor {
        private final StringBuilder out = new StringBuilder();
        private int skipDepth;
        private int linkDepth;
        private int linkChars;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof Element e) {
                if (skipDepth > 0 || isDropped(e)) {
                    skipDepth++;
                    return;
                }
                if (BLOCKS.contains(e.normalName())) {
                    newline();
                }
                if (e.normalName().equals("a")) {
                    linkDepth++;
                }
            } else if (node instanceof TextNode t && skipDepth == 0) {
                String text = t.text();
                if (!text.isBlank()) {
                    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n' && Character.isWhitespace(text.charAt(0))) {
                        out.append(' ');
                    }
                    String stripped = text.strip();
                    out.append(stripped);
                    if (linkDepth > 0) {
                        linkChars += (int) stripped.codePoints().filter(c -> !Character.isWhitespace(c)).count();
                    }
                    if (Character.isWhitespace(text.charAt(text.length() - 1))) {
                        out.append(' ');
                    }
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e) {
                if (skipDepth > 0) {
                    skipDepth--;
                    return;
                }
                if (e.normalName().equals("a")) {
                    linkDepth--;
                }
                if (BLOCKS.contains(e.normalName())) {
                    newline();
                }
            }
        }

        private static boolean isDropped(Element e) {
            if (DROPPED.contains(e.normalName())) {
                return true;
            }
            if (e.hasAttr("hidden") || "true".equalsIgnoreCase(e.attr("aria-hidden"))) {
                return true;
            }
            String style = e.attr("style").replace(" ", "").toLowerCase(Locale.ROOT);
            return style.contains("display:none") || style.contains("visibility:hidden");
        }

        private void newline() {
            int end = out.length();
            while (end > 0 && out.charAt(end - 1) == ' ') {
                end--;
            }
            out.setLength(end);
            if (end > 0 && out.charAt(end - 1) != '\n') {
                out.append('\n');
            }
        }

        String text() {
            return out.toString().strip();
        }
    }
}
