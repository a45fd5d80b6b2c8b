package org.corpusforge.core.model;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Descriptive fields of a document where the source knows them: title, url, date, licence, plus
 * free-form attributes (author, charset, ...) that have no column of their own. Absent values are null.
 */
public final class Metadata implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final Metadata EMPTY = new Metadata(null, null, null, null, Map.of());

    private final String title;
    private final String url;
    private final String date;
    private final String license;
    private final TreeMap<String, String> attributes;

    public Metadata(String title, String url, String date, String license, Map<String, String> attributes) {
        this.title = title;
        this.url = url;
        this.date = date;
        this.license = license;
        this.attributes = new TreeMap<>(attributes == null ? Map.of() : attributes);
    }

    public Metadata withTitle(String newTitle) {
        return new Metadata(newTitle, url, date, license, attributes);
    }

    /** A copy with one more attribute (or one replaced). */
    public Metadata withAttribute(String name, String value) {
        TreeMap<String, String> copy = new TreeMap<>(attributes);
        copy.put(name, value);
        return new Metadata(title, url, date, license, copy);
    }

    public String title() { return title; }

    public String url() { return url; }

    public String date() { return date; }

    public String license() { return license; }

    public SortedMap<String, String> attributes() { return Collections.unmodifiableSortedMap(attributes); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metadata m && Objects.equals(title, m.title) && Objects.equals(url, m.url)
                && Objects.equals(date, m.date) && Objects.equals(license, m.license) && attributes.equals(m.attributes);
    }

    @Override
    public int hashCode() { return Objects.hash(title, url, date, license, attributes); }
}
