package org.corpusforge.jobs.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A file of any Hadoop file system as a local path, for what must memory-map it (a search index): the file itself
 * when it is local, else a temporary copy, deleted on close.
 */
public final class LocalFile implements AutoCloseable {
    private final java.nio.file.Path path;
    private final boolean temporary;
    /** For a temporary directory: the files copied into it. */
    private final java.util.List<java.nio.file.Path> copies;

    private LocalFile(java.nio.file.Path path, boolean temporary) {
        this(path, temporary, java.util.List.of());
    }

    private LocalFile(java.nio.file.Path path, boolean temporary, java.util.List<java.nio.file.Path> copies) {
        this.path = path;
        this.temporary = temporary;
        this.copies = copies;
    }

    /**
     * A directory of any Hadoop file system as a local one holding the named files (an index Lucene opens): the
     * directory itself when it is local, else a temporary copy of those files, deleted on close.
     */
    public static LocalFile directory(String uri, java.util.List<String> names, Configuration conf) throws IOException {
        Path hadoopPath = new Path(uri);
        if (hadoopPath.getFileSystem(conf) instanceof LocalFileSystem local) {
            return new LocalFile(local.pathToFile(hadoopPath).toPath(), false);
        }
        java.nio.file.Path dir = Files.createTempDirectory("corpusforge-" + hadoopPath.getName());
        java.util.List<java.nio.file.Path> copies = new java.util.ArrayList<>();
        LocalFile local = new LocalFile(dir, true, copies);
        try {
            for (String name : names) {
                java.nio.file.Path copy = dir.resolve(name);
                copies.add(copy);
                try (InputStream in = HadoopFiles.open(uri + "/" + name, conf)) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | RuntimeException e) {
            local.close();
            throw e;
        }
        return local;
    }

    public static LocalFile of(String uri, Configuration conf) throws IOException {
        Path hadoopPath = new Path(uri);
        if (hadoopPath.getFileSystem(conf) instanceof LocalFileSystem local) {
            return new LocalFile(local.pathToFile(hadoopPath).toPath(), false);
        }
        java.nio.file.Path copy = Files.createTempFile("corpusforge-", "-" + hadoopPath.getName());
        try (InputStream in = HadoopFiles.open(uri, conf)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return new LocalFile(copy, true);
    }

    public java.nio.file.Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (temporary) {
            for (java.nio.file.Path copy : copies) {
                Files.deleteIfExists(copy);
            }
            Files.deleteIfExists(path);
        }
    }
}
