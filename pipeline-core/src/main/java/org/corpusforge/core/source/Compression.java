package org.corpusforge.core.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Opens compressed inputs, recognised by the file's name ({@code .gz}, {@code .zst}, {@code .bz2}, {@code .xz}) or,
 * where the name says none, by the first bytes; the readers only ever see the decompressed bytes. Every codec is a
 * stream: nothing is decompressed ahead of what the reader asks for, so a record is bounded by the reader's
 * {@code max_record_bytes} however well it compresses. Concatenated streams (several gzip members, zstd frames, bzip2
 * or xz streams, as sharding tools write them) are all read.
 */
public final class Compression {
    /** A codec, its file-name suffixes, and how its streams begin. */
    public enum Codec {
        NONE, GZIP, ZSTD, BZIP2, XZ;

        /** The name the manifest and messages give it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The largest zstd window decoded (2^27, 128 MiB), as the zstd command line decodes without {@code --long}: a
     * frame's header names its window and the decoder holds that much native memory while reading it.
     */
    static final int MAX_ZSTD_WINDOW_LOG = 27;
    /**
     * The most memory an xz stream's decoder may need (256 MiB; {@code xz -9} needs 65 MiB): its header names its
     * dictionary, which the decoder allocates before reading a byte, so a 100-byte stream could ask for 1.5 GiB.
     */
    static final int MAX_XZ_MEMORY_KIB = 256 << 10;
    /** How many leading bytes {@link #fromMagic} needs. */
    static final int MAGIC_BYTES = 10;
    private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
    /** A bzip2 stream: "BZh", the block size 1-9, then a block's magic (pi) or the end-of-stream one (sqrt pi). */
    private static final byte[] BZIP2_BLOCK = {0x31, 0x41, 0x59, 0x26, 0x53, 0x59};
    private static final byte[] BZIP2_END = {0x17, 0x72, 0x45, 0x38, 0x50, (byte) 0x90};

    private Compression() {}

    /** The codec a file name implies, or {@link Codec#NONE}. */
    public static Codec fromName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz") || name.endsWith(".gzip")) {
            return Codec.GZIP;
        }
        if (name.endsWith(".zst") || name.endsWith(".zstd")) {
            return Codec.ZSTD;
        }
        if (name.endsWith(".bz2")) {
            return Codec.BZIP2;
        }
        if (name.endsWith(".xz")) {
            return Codec.XZ;
        }
        return Codec.NONE;
    }

    /** The codec whose stream these first bytes begin, or {@link Codec#NONE}. */
    public static Codec fromMagic(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B && head[2] == 8) {
            return Codec.GZIP;
        }
        if (startsWith(head, length, ZSTD_MAGIC)) {
            return Codec.ZSTD;
        }
        if (startsWith(head, length, XZ_MAGIC)) {
            return Codec.XZ;
        }
        if (length >= 10 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' && head[3] >= '1' && head[3] <= '9') {
            byte[] block = Arrays.copyOfRange(head, 4, 10);
            if (Arrays.equals(block, BZIP2_BLOCK) || Arrays.equals(block, BZIP2_END)) {
                return Codec.BZIP2;
            }
        }
        return Codec.NONE;
    }

    /** The file's bytes decompressed: by its name's codec, else by its first bytes' (a plain file as it is). */
    public static InputStream open(InputStream raw, String fileName) throws IOException {
        Codec codec = fromName(fileName);
        InputStream in = raw;
        if (codec == Codec.NONE) {
            in = raw.markSupported() ? raw : new BufferedInputStream(raw, 64 * 1024);
            in.mark(MAGIC_BYTES);
            byte[] head = in.readNBytes(MAGIC_BYTES);
            in.reset();
            codec = fromMagic(head, head.length);
        }
        // a damaged stream ends the file with a read-error record after everything before it (ConcatenatedStreams)
        return switch (codec) {
            case GZIP -> new ConcatenatedStreams(in, raw1 -> new GzipCompressorInputStream(raw1, false), "gzip member",
                    false);
            case ZSTD -> new ConcatenatedStreams(in, Zstd::open, "zstd frame", false);
            case BZIP2 -> new ConcatenatedStreams(in, raw1 -> new BZip2CompressorInputStream(raw1, false),
                    "bzip2 stream", false);
            case XZ -> new ConcatenatedStreams(in, Xz::open, "xz stream", true);
            case NONE -> in;
        };
    }

    /** The name without its compression suffix ({@code a.jsonl.zst} is {@code a.jsonl}). */
    static String stripCompressionSuffix(String lowerCaseName) {
        if (fromName(lowerCaseName) == Codec.NONE) {
            return lowerCaseName;
        }
        return lowerCaseName.substring(0, lowerCaseName.lastIndexOf('.'));
    }

    /**
     * zstd-jni and XZ for Java are Spark's jars: their classes are named only in these holders, so that Compression
     * loads without them and they are needed only when such a file is read.
     */
    private static final class Zstd {
        static InputStream open(InputStream raw) throws IOException {
            return new ZstdInputStreamNoFinalizer(new ZstdFrame(raw)).setLongMax(MAX_ZSTD_WINDOW_LOG);
        }
    }

    private static final class Xz {
        static InputStream open(InputStream raw) throws IOException {
            return new XZCompressorInputStream(raw, false, MAX_XZ_MEMORY_KIB);
        }
    }

    private static boolean startsWith(byte[] head, int length, byte[] magic) {
        return length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }
}
