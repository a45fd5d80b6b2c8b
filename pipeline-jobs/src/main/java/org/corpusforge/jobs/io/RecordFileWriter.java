package org.corpusforge.jobs.io;

import java.io.IOException;
import org.corpusforge.core.manifest.Manifest;

/** Writes one output file of records and reports what it wrote, for the manifest. */
public interface RecordFileWriter<T> {
    void write(T record) throws IOException;

    /** Closes the file; {@code path} in the result is the name relative to the output directory. */
    Manifest.FileEntry finish(String relativePath) throws IOException;
}
