package org.corpusforge.jobs.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Hashing;
import org.corpusforge.core.stage.Outcome;

/**
 * Records for people to read as JSON Lines, one object per record: quarantined (and, when asked, dropped)
 * records with where they came from, which stage refused them, the reason, the error, and the first 1,000
 * characters of what could be read ({@link #outcome}); decontamination's matches.
 */
public final class JsonLinesWriter<T> implements RecordFileWriter<T> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record as a JSON object; serializable, since the writer is made on executors. */
    public interface ToJson<T> extends Function<T, ObjectNode>, Serializable {}

    private final MessageDigest digest = Hashing.sha256();
    private final String relativePath;
    private final OutputStream out;
    private final ToJson<T> toJson;
    private long rows;
    private long bytes;

    /** Writes {@code OUT/DIRECTORY/PART.jsonl}. */
    public JsonLinesWriter(String outputUri, String directory, String partName, Configuration conf, ToJson<T> toJson)
            throws IOException {
        this.relativePath = directory + "/" + partName + ".jsonl";
        this.toJson = toJson;
        Path path = new Path(outputUri + "/" + relativePath);
        this.out = new DigestOutputStream(OutputFiles.fileSystem(path, conf).create(path, true), digest);
    }

    @Override
    public void write(T record) throws IOException {
        byte[] line = (JSON.writeValueAsString(toJson.apply(record)) + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(line);
        rows++;
        bytes += line.length;
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A quarantined or dropped record's line. */
    public static ObjectNode outcome(Outcome o) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", o.id());
        node.put("source", o.source().label());
        node.put("source_uri", o.provenance().sourceUri());
        node.put("source_locator", o.provenance().locator());
        node.put("source_sha256", o.provenance().sourceSha256());
        node.put("stage", o.stage());
        node.put("reason", o.reason());
        node.put("detail", o.detail());
        node.put("excerpt", o.excerpt());
        return node;
    }

    @Override
    public List<Manifest.FileEntry> finish() throws IOException {
        out.close();
        return List.of(new Manifest.FileEntry(relativePath, rows, bytes, HexFormat.of().formatHex(digest.digest()), 0,
                null));
    }
}
