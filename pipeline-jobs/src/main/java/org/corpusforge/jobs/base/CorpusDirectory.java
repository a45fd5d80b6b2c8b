package org.corpusforge.jobs.base;

/**
 * A corpus's directory (a local path or any Hadoop URI) as one value: where each of its files is, relative paths
 * joined in one place rather than strings glued together wherever a file is opened.
 */
public record CorpusDirectory(String uri) implements java.io.Serializable {
    public CorpusDirectory {
        while (uri.length() > 1 && uri.endsWith("/")) {
            uri = uri.substring(0, uri.length() - 1);
        }
    }

    /** The directory a user or a manifest names, trailing slashes or not. */
    public static CorpusDirectory of(String dir) {
        return new CorpusDirectory(dir);
    }

    /** A file or directory in it, by its path relative to the corpus (as the manifest lists it). */
    public String resolve(String relative) {
        return uri + "/" + relative;
    }

    @Override
    public String toString() {
        return uri;
    }
}
