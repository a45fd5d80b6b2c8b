package org.corpusforge.jobs.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.search.CharIndexBuilder;
import org.corpusforge.search.CharIndexLayout;
import org.corpusforge.search.PassageFiles;
import org.corpusforge.search.PassageIndexBuilder;

/**
 * One shard's search index, written beside the shard by the task that writes it: {@code search/PART.csa}, the
 * shard's texts gathered row by row, then sorted into a suffix array of their characters and written in one pass
 * when the shard is finished; and, when asked, {@code search/PART.passages}, the texts cut into passages and indexed
 * by Lucene as they come (in a local temporary directory, packed into one file beside the shard when it is finished,
 * so that it works on any file system and through any output committer).
 */
public final class SearchIndexWriter {
    public static final String DIRECTORY = "search";
    public static final String PASSAGES_SUFFIX = ".passages";

    private final String outputUri;
    private final String relative;
    private final String passagesRelative;
    private final Configuration conf;
    private final CharIndexBuilder builder = new CharIndexBuilder();
    /** UTF-8 bytes of the texts indexed: the manifest's text_bytes of the shard's index files. */
    private long textBytes;
    private final java.nio.file.Path passagesTemp;
    private final PassageIndexBuilder passages;
    private final org.corpusforge.filters.embed.OnnxEmbedder embedder;

    /** @param embedding the passages' embedding model, or null: no vectors */
    public SearchIndexWriter(String outputUri, String partName, boolean passageIndex, EmbeddingModel embedding,
                             Configuration conf) throws IOException {
        this.outputUri = outputUri;
        this.relative = DIRECTORY + "/" + partName + CharIndexLayout.EXTENSION;
        this.passagesRelative = DIRECTORY + "/" + partName + PASSAGES_SUFFIX;
        this.conf = conf;
        this.passagesTemp = passageIndex ? Files.createTempDirectory("corpusforge-passages-") : null;
        this.embedder = passageIndex && embedding != null ? embedding.open() : null;
        this.passages = passageIndex ? new PassageIndexBuilder(passagesTemp, partName, embedder == null ? null
                : new PassageIndexBuilder.Vectors(embedder::embed, embedding.spec().batch(),
                        embedding.spec().passagePrefix(), embedding.unitVectors())) : null;
    }

    /**
     * The manifest's entry for the files the shards' writers returned (any order): the character indexes in shard
     * order, and the passage indexes' files, if any, by path.
     */
    public static Manifest.SearchIndex manifestEntry(List<Manifest.FileEntry> written, Manifest.Embedding embedding) {
        List<Manifest.FileEntry> characters = new ArrayList<>();
        List<Manifest.FileEntry> passageFiles = new ArrayList<>();
        for (Manifest.FileEntry f : written) {
            if (f.path().endsWith(PASSAGES_SUFFIX)) {
                passageFiles.add(f);
            } else {
                characters.add(f);
            }
        }
        characters.sort(Comparator.comparing(Manifest.FileEntry::path));
        passageFiles.sort(Comparator.comparing(Manifest.FileEntry::path));
        Manifest.Passages passages = passageFiles.isEmpty() ? null : new Manifest.Passages(PassageIndexBuilder.FORMAT,
                org.corpusforge.search.PassageAnalysis.DESCRIPTION,
                passageFiles.stream().mapToLong(Manifest.FileEntry::rows).sum(), passageFiles, embedding);
        return new Manifest.SearchIndex(CharIndexLayout.FORMAT, characters, passages);
    }

    public void write(String text) {
        builder.add(text);
        textBytes += utf8Bytes(text);
        if (passages != null) {
            passages.add(text);
        }
    }

    /** The character index's file, then the passage index's files (rows: the shard's passages), by name. */
    public List<Manifest.FileEntry> finish() throws IOException {
        List<Manifest.FileEntry> files = new ArrayList<>();
        Path path = new Path(outputUri + "/" + relative);
        MessageDigest digest = Hashing.sha256();
        CharIndexLayout.Header header;
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(
                OutputFiles.fileSystem(path, conf).create(path, true), 1 << 20), digest)) {
            header = builder.write(out);
        }
        files.add(new Manifest.FileEntry(relative, header.documents(), header.fileBytes(),
                HexFormat.of().formatHex(digest.digest()), textBytes, null));
        if (passages != null) {
            try {
                List<java.nio.file.Path> lucene = passages.finish();
                // packed here first (a local file), then copied where the corpus is with its checksum
                java.nio.file.Path packed = passagesTemp.resolve("packed" + PASSAGES_SUFFIX);
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(packed), 1 << 20)) {
                    PassageFiles.pack(lucene, out);
                }
                files.add(copy(packed, passagesRelative, passages.passages()));
            } finally {
                deleteTemp();
            }
        }
        return files;
    }

    private Manifest.FileEntry copy(java.nio.file.Path file, String target, long passageCount) throws IOException {
        Path path = new Path(outputUri + "/" + target);
        MessageDigest digest = Hashing.sha256();
        long bytes;
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = new DigestOutputStream(new BufferedOutputStream(
                     OutputFiles.fileSystem(path, conf).create(path, true), 1 << 20), digest)) {
            bytes = in.transferTo(out);
        }
        return new Manifest.FileEntry(target, passageCount, bytes, HexFormat.of().formatHex(digest.digest()), textBytes,
                null);
    }

    /** UTF-8 bytes of a text, without encoding it. */
    private static long utf8Bytes(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** The task failed: the temporary passage index goes. */
    public void abort() {
        if (passages != null) {
            try {
                deleteTemp();
            } catch (IOException e) {
                // left in the temporary directory; nothing of the corpus
            }
        }
    }

    /** The temporary directory only: the builder made it and nothing else writes there. */
    private void deleteTemp() throws IOException {
        passages.close();
        if (embedder != null) {
            embedder.close();
        }
        try (Stream<java.nio.file.Path> files = Files.walk(passagesTemp)) {
            for (java.nio.file.Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
