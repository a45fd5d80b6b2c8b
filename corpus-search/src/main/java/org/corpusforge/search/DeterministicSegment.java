package org.corpusforge.search;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.NoLockFactory;

/**
 * Makes a finished one-segment compound Lucene index byte-identical from run to run. Lucene stamps every segment,
 * segment commit and commit with a random 128-bit id (in the header of every file) and records the time, the
 * operating system and the JVM in the segment's diagnostics; nothing else in the files depends on the run. So the
 * segment's info ({@code .si}) is written again by the codec with an id derived from {@code seed} and diagnostics
 * holding only the source, the three random ids are replaced by derived ones in the compound
 * files and the commit ({@code segments_N}), and every checksum footer the replacement touched (each sub-file's in
 * the compound file, and each file's) is computed again. A random id is 16 random bytes, so a byte sequence equal to
 * one elsewhere in a file is a 2^-128 chance; the index opens and passes Lucene's CheckIndex afterwards (tested).
 */
public final class DeterministicSegment {
    private static final int FOOTER = CodecUtil.footerLength();

    private DeterministicSegment() {}

    public static void canonicalise(Path directory, String seed) throws IOException {
        Map<ByteBuffer, byte[]> ids = new LinkedHashMap<>();
        String segmentsFile;
        String compoundData = null;
        String compoundEntries = null;
        try (FSDirectory dir = FSDirectory.open(directory, NoLockFactory.INSTANCE)) {
            SegmentInfos infos = SegmentInfos.readLatestCommit(dir);
            segmentsFile = infos.getSegmentsFileName();
            ids.put(ByteBuffer.wrap(infos.getId()), id(seed, "commit"));
            if (infos.size() > 1) {
                throw new IllegalStateException(directory + ": " + infos.size() + " segments; merge to one first");
            }
            if (infos.size() == 1) {
                SegmentCommitInfo commit = infos.info(0);
                SegmentInfo segment = commit.info;
                if (!segment.getUseCompoundFile()) {
                    throw new IllegalStateException(directory + ": the segment is not a compound file");
                }
                byte[] segmentId = id(seed, "segment");
                ids.put(ByteBuffer.wrap(segment.getId()), segmentId);
                if (commit.getId() != null) {
                    ids.put(ByteBuffer.wrap(commit.getId()), id(seed, "segment-commit"));
                }
                rewriteInfo(dir, segment, segmentId);
                compoundData = segment.name + ".cfs";
                compoundEntries = segment.name + ".cfe";
            }
        }
        if (compoundData != null) {
            byte[] entries = replaced(directory.resolve(compoundEntries), ids);
            fixFooter(entries, 0, entries.length);
            byte[] data = replaced(directory.resolve(compoundData), ids);
            for (long[] entry : entries(entries)) {
                fixFooter(data, Math.toIntExact(entry[0]), Math.toIntExact(entry[0] + entry[1]));
            }
            fixFooter(data, 0, data.length);
            Files.write(directory.resolve(compoundEntries), entries);
            Files.write(directory.resolve(compoundData), data);
        }
        byte[] commit = replaced(directory.resolve(segmentsFile), ids);
        fixFooter(commit, 0, commit.length);
        Files.write(directory.resolve(segmentsFile), commit);
    }

    /** The segment's info written again by its codec, with the new id and diagnostics that do not vary. */
    private static void rewriteInfo(FSDirectory dir, SegmentInfo old, byte[] id) throws IOException {
        // one entry: SegmentInfo keeps its maps as Map.copyOf, whose order is salted per JVM, so a map of two entries
        // was written in either order (the codec version is in every file's header anyway)
        Map<String, String> diagnostics = Map.of("source", old.getDiagnostics().getOrDefault("source", ""));
        if (old.getAttributes().size() > 1) {
            throw new IllegalStateException("the segment has " + old.getAttributes().size() + " codec attributes; "
                    + "their order in the rewritten segment info would depend on the JVM");
        }
        SegmentInfo fresh = new SegmentInfo(dir, old.getVersion(), old.getMinVersion(), old.name, old.maxDoc(),
                old.getUseCompoundFile(), old.getHasBlocks(), old.getCodec(), diagnostics, id,
                new TreeMap<>(old.getAttributes()), old.getIndexSort());
        String infoFile = old.name + ".si";
        TreeSet<String> files = new TreeSet<>(old.files());
        files.remove(infoFile);
        fresh.setFiles(files);
        dir.deleteFile(infoFile);
        old.getCodec().segmentInfoFormat().write(dir, fresh, IOContext.DEFAULT);
    }

    private static byte[] id(String seed, String what) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((seed + "\n" + what).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] replaced(Path file, Map<ByteBuffer, byte[]> ids) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (Map.Entry<ByteBuffer, byte[]> e : ids.entrySet()) {
            byte[] from = e.getKey().array();
            for (int i = 0; i + from.length <= bytes.length; i++) {
                if (bytes[i] == from[0] && Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
                    System.arraycopy(e.getValue(), 0, bytes, i, from.length);
                    i += from.length - 1;
                }
            }
        }
        return bytes;
    }

    /** The CRC-32 of {@code [start, end - 8)} written big-endian in the last 8 bytes, as CodecUtil writes it. */
    private static void fixFooter(byte[] bytes, int start, int end) {
        if (ByteBuffer.wrap(bytes, end - FOOTER, 4).getInt() != CodecUtil.FOOTER_MAGIC) {
            throw new IllegalStateException("no codec footer at " + (end - FOOTER));
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, start, end - 8 - start);
        ByteBuffer.wrap(bytes, end - 8, 8).order(ByteOrder.BIG_ENDIAN).putLong(crc.getValue());
    }

    /**
     * The sub-files of a compound file, {offset, length} each, from its entries file (Lucene90CompoundFormat: index
     * header, vint count, then per file its name, offset and length as little-endian longs, then the footer).
     */
    private static java.util.List<long[]> entries(byte[] cfe) {
        ByteBuffer in = ByteBuffer.wrap(cfe).order(ByteOrder.LITTLE_ENDIAN);
        // the index header: magic, codec name (a vint-prefixed string), version, id, suffix (a byte-prefixed string)
        in.position(4);
        int nameLength = readVInt(in);
        in.position(in.position() + nameLength + 4 + 16);
        int suffixLength = in.get() & 0xFF;
        in.position(in.position() + suffixLength);
        int count = readVInt(in);
        java.util.List<long[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = readVInt(in);
            in.position(in.position() + length);
            out.add(new long[] {in.getLong(), in.getLong()});
        }
        return out;
    }

    private static int readVInt(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }
}
