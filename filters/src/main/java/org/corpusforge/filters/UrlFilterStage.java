package org.corpusforge.filters;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.stage.DocumentStage;
import org.corpusforge.core.stage.Verdict;
import org.corpusforge.core.text.BoundedPattern;
import org.corpusforge.filters.classify.ClassifierModels;

/**
 * Drops documents whose URL is on a block-list, as Swallow drops NG hosts and UT1 categories before anything else.
 * A list is a file of one entry per line ({@code #} comments) of one kind: {@code host} (the host exactly),
 * {@code domain} (the host or any subdomain of it), {@code url} (a host and path prefix, as UT1's {@code urls} files
 * give them), {@code regex} (matched against the whole URL) or {@code keyword} (a word in the path and query); or a
 * UT1 directory ({@code ut1}), whose named categories each give a {@code domains} and a {@code urls} file.
 * {@code allow} lists are read the same way and win over every block-list.
 *
 * <p>Hosts are compared as DNS sees them: lower case, without user info, port or trailing dot, and IDN hosts in
 * punycode, entries and URLs alike (例え.jp is xn--r8jz45g.jp). A drop's reason is {@code url:LIST} or
 * {@code url:LIST/CATEGORY}, its detail the entry that matched. A document without a URL passes.
 */
public final class UrlFilterStage implements DocumentStage {
    /** One list: its name in reasons, and its entries by kind. */
    record UrlList(String name, java.util.Set<String> hosts, java.util.Set<String> domains, java.util.Set<String> urls,
                   List<BoundedPattern> regexes, List<String> keywords, int longestDomain, int longestUrl) {
        UrlList(String name, java.util.Set<String> hosts, java.util.Set<String> domains, java.util.Set<String> urls,
                List<BoundedPattern> regexes, List<String> keywords) {
            this(name, hosts, domains, urls, regexes, keywords, longest(domains), longest(urls));
        }

        String match(Url url) {
            if (url.host() != null) {
                if (hosts.contains(url.host())) {
                    return "host " + url.host();
                }
                for (String suffix : url.hostSuffixes(longestDomain)) {
                    if (domains.contains(suffix)) {
                        return "domain " + suffix;
                    }
                }
                for (String prefix : url.pathPrefixes(longestUrl)) {
                    if (urls.contains(prefix)) {
                        return "url " + prefix;
                    }
                }
            }
            for (BoundedPattern regex : regexes) {
                if (regex.matcher(url.text()).find()) {
                    return "regex " + regex.pattern().pattern();
                }
            }
            for (String keyword : keywords) {
                if (url.pathAndQuery().contains(keyword)) {
                    return "keyword " + keyword;
                }
            }
            return null;
        }
    }

    private final List<UrlList> block;
    private final List<UrlList> allow;

    public UrlFilterStage(List<UrlList> block, List<UrlList> allow) {
        this.block = List.copyOf(block);
        this.allow = List.copyOf(allow);
    }

    @Override
    public Verdict apply(Document doc) {
        String raw = doc.metadata().url();
        if (raw == null || raw.isBlank()) {
            return Verdict.keep(doc);
        }
        Url url = Url.parse(raw);
        for (UrlList list : allow) {
            if (list.match(url) != null) {
                return Verdict.keep(doc);
            }
        }
        for (UrlList list : block) {
            String matched = list.match(url);
            if (matched != null) {
                return Verdict.drop(doc, "url:" + list.name(), matched + " in " + list.name());
            }
        }
        return Verdict.keep(doc);
    }

    /** A URL's host as the lists compare it (lower case, no port or user info, IDN as punycode), or null. */
    public static String hostOf(String url) {
        return url == null || url.isBlank() ? null : Url.parse(url).host();
    }

    /** A URL as the lists compare it. */
    record Url(String text, String host, String path, String pathAndQuery) {
        static Url parse(String raw) {
            String text = raw.strip();
            String rest = text.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "");
            int end = rest.length();
            for (char c : new char[] {'/', '?', '#'}) {
                int at = rest.indexOf(c);
                if (at >= 0) {
                    end = Math.min(end, at);
                }
            }
            String authority = rest.substring(0, end);
            String tail = rest.substring(end);
            String host = host(authority);
            int hash = tail.indexOf('#');
            String noFragment = hash < 0 ? tail : tail.substring(0, hash);
            int query = noFragment.indexOf('?');
            String path = query < 0 ? noFragment : noFragment.substring(0, query);
            return new Url(text.toLowerCase(Locale.ROOT), host, path, noFragment.toLowerCase(Locale.ROOT));
        }

        /** A host as DNS sees it, or null when there is none that parses. */
        static String host(String authority) {
            String h = authority.substring(authority.lastIndexOf('@') + 1);
            if (h.startsWith("[")) {
                int close = h.indexOf(']');
                return close < 0 ? null : h.substring(0, close + 1).toLowerCase(Locale.ROOT);
            }
            int colon = h.indexOf(':');
            if (colon >= 0) {
                h = h.substring(0, colon);
            }
            while (h.endsWith(".")) {
                h = h.substring(0, h.length() - 1);
            }
            if (h.isEmpty()) {
                return null;
            }
            try {
                return IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return h.toLowerCase(Locale.ROOT);
            }
        }

        /**
         * a.b.example.com, b.example.com, example.com, com: those no longer than {@code maxLength}, the longest entry
         * they are compared with. A host of a hundred thousand labels is not a DNS name but can be a URL: listing all
         * its suffixes would take memory quadratic in its length, and only the short ones can match.
         */
        List<String> hostSuffixes(int maxLength) {
            List<String> suffixes = new ArrayList<>(); // shortest first
            for (int end = host.length(); ; ) {
                int dot = host.lastIndexOf('.', end - 1);
                if (host.length() - dot - 1 > maxLength) {
                    break;
                }
                suffixes.add(host.substring(dot + 1));
                if (dot < 0) {
                    break;
                }
                end = dot;
            }
            java.util.Collections.reverse(suffixes);
            return suffixes;
        }

        /**
         * host/a/b/c, host/a/b, host/a (and the same without a leading www.): those no longer than
         * {@code maxLength}, the longest entry they are compared with (as for {@link #hostSuffixes}).
         */
        List<String> pathPrefixes(int maxLength) {
            List<String> prefixes = new ArrayList<>();
            String p = withoutTrailingSlashes(path.toLowerCase(Locale.ROOT));
            for (String h : host.startsWith("www.") ? List.of(host, host.substring(4)) : List.of(host)) {
                List<String> forHost = new ArrayList<>();
                int room = maxLength - h.length();
                for (int slash = p.indexOf('/', 1); slash > 0 && slash <= room; slash = p.indexOf('/', slash + 1)) {
                    forHost.add(h + p.substring(0, slash));
                }
                if (!p.isEmpty() && p.length() <= room) {
                    forHost.add(h + p);
                }
                java.util.Collections.reverse(forHost);
                prefixes.addAll(forHost);
            }
            return prefixes;
        }
    }

    /** The path without its trailing slashes (a loop: the regex {@code /+$} is quadratic on a path of slashes). */
    static String withoutTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    private static int longest(java.util.Set<String> entries) {
        return entries.stream().mapToInt(String::length).max().orElse(0);
    }

    /** The files this stage reads, for the driver to read once and hand to every executor. */
    public static List<org.corpusforge.filters.kind.SideFile> files(ConfigNode settings) {
        List<org.corpusforge.filters.kind.SideFile> files = new ArrayList<>();
        for (String key : List.of("block", "allow")) {
            for (ConfigNode list : settings.list(key)) {
                String path = list.string("path", null);
                if (path == null) {
                    continue;
                }
                if ("ut1".equals(list.string("kind", null))) {
                    for (String category : list.stringList("categories")) {
                        files.add(new org.corpusforge.filters.kind.SideFile(null, path + "/" + category + "/domains", true));
                        files.add(new org.corpusforge.filters.kind.SideFile(null, path + "/" + category + "/urls", false));
                    }
                } else {
                    files.add(new org.corpusforge.filters.kind.SideFile(null, path, true));
                }
            }
        }
        return files;
    }

    /** The stage its settings in {@code stages:} describe (StageCatalog's {@code url-filter}); each read and checked. */
    public static UrlFilterStage fromSettings(ConfigNode settings) {
        return new UrlFilterStage(lists(settings, "block"), lists(settings, "allow"));
    }

    private static List<UrlList> lists(ConfigNode settings, String key) {
        List<UrlList> lists = new ArrayList<>();
        for (ConfigNode list : settings.list(key)) {
            String path = list.requireString("path");
            String kind = list.choice("kind", "domain", "host", "domain", "url", "regex", "keyword", "ut1");
            String name = list.string("name", path.replaceAll(".*/", ""));
            if (kind.equals("ut1")) {
                List<String> categories = list.stringList("categories");
                if (categories.isEmpty()) {
                    throw new ConfigException(list.path() + ".categories: name the UT1 categories to block (adult, "
                            + "gambling, ...)");
                }
                for (String category : categories) {
                    Map<String, List<String>> entries = new HashMap<>();
                    entries.put("domain", lines(path + "/" + category + "/domains", list.path(), true));
                    entries.put("url", lines(path + "/" + category + "/urls", list.path(), false));
                    lists.add(list(name + "/" + category, entries, list.path()));
                }
            } else {
                lists.add(list(name, Map.of(kind, lines(path, list.path(), true)), list.path()));
            }
        }
        return lists;
    }

    private static UrlList list(String name, Map<String, List<String>> entries, String where) {
        java.util.Set<String> hosts = new java.util.HashSet<>();
        java.util.Set<String> domains = new java.util.HashSet<>();
        java.util.Set<String> urls = new java.util.HashSet<>();
        List<BoundedPattern> regexes = new ArrayList<>();
        List<String> keywords = new ArrayList<>();
        entries.forEach((kind, lines) -> {
            for (String line : lines) {
                switch (kind) {
                    case "host" -> hosts.add(Url.host(line));
                    case "domain" -> domains.add(Url.host(line.replaceFirst("^\\*?\\.", "")));
                    case "url" -> {
                        Url u = Url.parse(line);
                        if (u.host() != null) {
                            urls.add(u.host() + withoutTrailingSlashes(u.path().toLowerCase(Locale.ROOT)));
                        }
                    }
                    case "regex" -> {
                        try {
                            regexes.add(BoundedPattern.compile("url-filter " + name,
                                    line, Pattern.CASE_INSENSITIVE));
                        } catch (java.util.regex.PatternSyntaxException e) {
                            throw new ConfigException(where + ": " + name + ": not a regular expression: " + line);
                        }
                    }
                    case "keyword" -> keywords.add(line.toLowerCase(Locale.ROOT));
                    default -> throw new IllegalStateException(kind);
                }
            }
        });
        return new UrlList(name, hosts, domains, urls, regexes, keywords);
    }

    /** A list file's entries: one per line, blank lines and # comments left out. */
    private static List<String> lines(String location, String where, boolean required) {
        byte[] content;
        try {
            content = ClassifierModels.bytes(location).content();
        } catch (RuntimeException e) {
            if (!required) {
                return List.of(); // a UT1 category may have no urls file
            }
            throw new ConfigException(where + ".path: " + location + " cannot be read (" + e.getMessage() + ")");
        }
        List<String> lines = new ArrayList<>();
        for (String line : new String(content, StandardCharsets.UTF_8).split("\\R")) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                lines.add(entry);
            }
        }
        return lines;
    }

    /** The {@code url-filter} stage's kind, registered in {@code META-INF/services}. */
    public static final class Type extends org.corpusforge.filters.kind.DocumentStageType {
        public Type() {
            super("url-filter", UrlFilterStage::fromSettings);
            readsFiles(UrlFilterStage::files);
        }
    }
}
