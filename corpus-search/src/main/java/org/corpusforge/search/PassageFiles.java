package org.corpusforge.search;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.store.BaseDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.NoLockFactory;

/**
 * A shard's passage index as one file, {@code search/PART.passages}: Lucene's files one after another behind a table
 * of their names, offsets and lengths. One file because Lucene names its segment files {@code _0.cfs} and the like,
 * and Hadoop's output committers leave out every file whose name starts with an underscore; and one file per shard
 * is what the character index has too. Read through {@link #open}: a read-only Lucene directory whose files are
 * slices of the one memory-mapped file, so nothing is unpacked.
 *
 * <p>Layout, big-endian: the magic {@code CFPASS01}, the file count (int), then per file its name (UTF-8, length as a
 * short), offset and length (longs); then the files' bytes, in the table's order.
 */
public final class PassageFiles {
    private static final byte[] MAGIC = "CFPASS01".getBytes(StandardCharsets.US_ASCII);

    private PassageFiles() {}

    /** Writes the files of a Lucene index directory, by name. */
    public static void pack(List<Path> files, OutputStream out) throws IOException {
        List<byte[]> names = new ArrayList<>();
        long header = MAGIC.length + 4;
        for (Path f : files) {
            byte[] name = f.getFileName().toString().getBytes(StandardCharsets.UTF_8);
            names.add(name);
            header += 2 + name.length + 16;
        }
        DataOutputStream data = new DataOutputStream(out);
        data.write(MAGIC);
        data.writeInt(files.size());
        long offset = header;
        for (int i = 0; i < files.size(); i++) {
            long length = Files.size(files.get(i));
            data.writeShort(names.get(i).length);
            data.write(names.get(i));
            data.writeLong(offset);
            data.writeLong(length);
            offset += length;
        }
        for (Path f : files) {
            Files.copy(f, data);
        }
        data.flush();
    }

    /** A read-only Lucene directory over a packed file. */
    public static BaseDirectory open(Path packed) throws IOException {
        MMapDirectory mapped = new MMapDirectory(packed.getParent(), NoLockFactory.INSTANCE);
        IndexInput whole = mapped.openInput(packed.getFileName().toString(), IOContext.DEFAULT);
        try {
            byte[] magic = new byte[MAGIC.length];
            whole.readBytes(magic, 0, magic.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(packed + ": not a packed passage index");
            }
            int count = Integer.reverseBytes(whole.readInt());
            if (count < 0 || count > 1000) {
                throw new IOException(packed + ": " + count + " files in a packed passage index");
            }
            Map<String, long[]> table = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                int length = Short.toUnsignedInt(Short.reverseBytes(whole.readShort()));
                byte[] name = new byte[length];
                whole.readBytes(name, 0, length);
                long offset = Long.reverseBytes(whole.readLong());
                long size = Long.reverseBytes(whole.readLong());
                if (offset < 0 || size < 0 || offset + size > whole.length()) {
                    throw new IOException(packed + ": a file beyond the end of the packed passage index");
                }
                table.put(new String(name, StandardCharsets.UTF_8), new long[] {offset, size});
            }
            return new Packed(whole, table, mapped);
        } catch (IOException | RuntimeException e) {
            whole.close();
            mapped.close();
            throw e;
        }
    }

    /** The directory: each file a slice of the mapped whole; everything that would write refused. */
    private static final class Packed extends BaseDirectory {
        private final IndexInput whole;
        private final Map<String, long[]> table;
        private final MMapDirectory mapped;

        Packed(IndexInput whole, Map<String, long[]> table, MMapDirectory mapped) {
            super(NoLockFactory.INSTANCE);
            this.whole = whole;
            this.table = table;
            this.mapped = mapped;
        }

        @Override
        public String[] listAll() {
            return table.keySet().stream().sorted().toArray(String[]::new);
        }

        @Override
        public long fileLength(String name) throws IOException {
            return entry(name)[1];
        }

        @Override
        public IndexInput openInput(String name, IOContext context) throws IOException {
            long[] e = entry(name);
            return whole.slice(name, e[0], e[1]);
        }

        private long[] entry(String name) throws IOException {
            long[] e = table.get(name);
            if (e == null) {
                throw new java.nio.file.NoSuchFileException(name);
            }
            return e;
        }

        @Override
        public void deleteFile(String name) throws IOException {
            throw new UnsupportedOperationException("a packed passage index is read-only");
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) {
            throw new UnsupportedOperationException("a packed passage index is read-only");
        }

        @Override
        public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) {
            throw new UnsupportedOperationException("a packed passage index is read-only");
        }

        @Override
        public void sync(Collection<String> names) {
            // nothing written
        }

        @Override
        public void syncMetaData() {
            // nothing written
        }

        @Override
        public void rename(String source, String dest) {
            throw new UnsupportedOperationException("a packed passage index is read-only");
        }

        @Override
        public Set<String> getPendingDeletions() {
            return Set.of();
        }

        @Override
        public void close() throws IOException {
            isOpen = false;
            whole.close();
            mapped.close();
        }
    }
}
