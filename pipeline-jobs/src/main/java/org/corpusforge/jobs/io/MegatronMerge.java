package org.corpusforge.jobs.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.model.Hashing;

/**
 * Joins per-shard Megatron pairs, in shard order, into one {@code NAME.bin} / {@code NAME.idx}, as Megatron's
 * {@code merge_datasets.py} would, then deletes the parts. The bytes of the {@code .bin} files are copied through
 * the driver once; the index is rebuilt from the parts' lengths.
 */
public final class MegatronMerge {
    private MegatronMerge() {}

    /** @param parts the parts' entries, {@code .bin} then {@code .idx} for each part, in shard order */
    public static List<Manifest.FileEntry> merge(String outputUri, List<Manifest.FileEntry> parts, String partsDirectory,
                                                 String mergedName, Configuration conf) throws IOException {
        List<Manifest.FileEntry> bins = parts.stream().filter(f -> f.path().endsWith(".bin")).toList();
        Path binPath = new Path(outputUri + "/" + mergedName + ".bin");
        MessageDigest binDigest = Hashing.sha256();
        MegatronIndex.TokenType type = null;
        int[][] lengths = new int[bins.size()][];
        long binBytes = 0;
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(
                OutputFiles.fileSystem(binPath, conf).create(binPath, true), 1 << 20), binDigest)) {
            for (int p = 0; p < bins.size(); p++) {
                String bin = bins.get(p).path();
                String idx = bin.substring(0, bin.length() - ".bin".length()) + ".idx";
                MegatronIndex index = MegatronIndex.parse(HadoopFiles.readAll(outputUri + "/" + idx, conf));
                if (type != null && type != index.type()) {
                    throw new IOException(idx + " holds " + index.type().label() + ", the parts before " + type.label());
                }
                type = index.type();
                lengths[p] = index.lengths();
                try (InputStream in = HadoopFiles.open(outputUri + "/" + bin, conf)) {
                    binBytes += in.transferTo(out);
                }
            }
        }
        MegatronIndex merged = new MegatronIndex(type == null ? MegatronIndex.TokenType.INT32 : type,
                IntStream.range(0, lengths.length).flatMap(p -> IntStream.of(lengths[p])).toArray());
        byte[] idx = merged.toBytes();
        HadoopFiles.writeAtomically(outputUri + "/" + mergedName + ".idx", idx, conf);
        Path partsPath = new Path(outputUri + "/" + partsDirectory);
        partsPath.getFileSystem(conf).delete(partsPath, true);
        int documents = merged.lengths().length;
        return List.of(
                new Manifest.FileEntry(mergedName + ".bin", documents, binBytes,
                        HexFormat.of().formatHex(binDigest.digest()), 0, merged.tokens()),
                new Manifest.FileEntry(mergedName + ".idx", documents, idx.length, Hashing.sha256Hex(idx), 0,
                        merged.tokens()));
    }
}
