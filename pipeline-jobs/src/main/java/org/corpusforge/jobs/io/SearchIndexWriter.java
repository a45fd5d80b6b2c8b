package org.corpusforge.jobs.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.search.CharIndexBuilder;
import org.corpusforge.search.CharIndexLayout;

/**
 * One shard's search index, {@code search/PART.csa}: the shard's texts gathered row by row as the shard is written,
 * then sorted into a suffix array of their characters and written in one pass when the shard is finished.
 */
public final class SearchIndexWriter {
    public static final String DIRECTORY = "search";

    private final String outputUri;
    private final String relative;
    private final Configuration conf;
    private final CharIndexBuilder builder = new CharIndexBuilder();

    public SearchIndexWriter(String outputUri, String partName, Configuration conf) {
        this.outputUri = outputUri;
        this.relative = DIRECTORY + "/" + partName + CharIndexLayout.EXTENSION;
        this.conf = conf;
    }

    public void write(String text) {
        builder.add(text);
    }

    public Manifest.FileEntry finish() throws IOException {
        Path path = new Path(outputUri + "/" + relative);
        MessageDigest digest = Hashing.sha256();
        CharIndexLayout.Header header;
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(
                OutputFiles.fileSystem(path, conf).create(path, true), 1 << 20), digest)) {
            header = builder.write(out);
        }
        return new Manifest.FileEntry(relative, header.documents(), header.fileBytes(),
                HexFormat.of().formatHex(digest.digest()), 0, null);
    }
}
