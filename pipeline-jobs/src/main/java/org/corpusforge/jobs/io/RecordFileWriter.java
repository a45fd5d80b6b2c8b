package org.corpusforge.jobs.io;

import java.io.IOException;
import java.util.List;
import org.corpusforge.core.manifest.Manifest;

/** Writes one part of an output (one file, or a file with side files) and reports what it wrote, for the manifest. */
public interface RecordFileWriter<T> {
    void write(T record) throws IOException;

    /** Closes the files; paths in the result are relative to the output directory. */
    List<Manifest.FileEntry> finish() throws IOException;

    /** The task failed: removes what the writer keeps outside the output (temporary files). */
    default void abort() {}
}
