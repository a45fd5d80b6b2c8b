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
    private LocalFile(java.nio.file.Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
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
            Files.deleteIfExists(path);
        }
    }
}
