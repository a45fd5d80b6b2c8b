package org.corpusforge.jobs;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The run's output directory: refused when it already holds something, unless the user asked to replace it. */
final class OutputDirectory {
    private OutputDirectory() {}

    /** Returns the fully qualified URI of the (now empty or absent) output directory. */
    static String prepare(String output, boolean overwrite, Configuration conf) {
        return prepare(output, overwrite, false, conf);
    }

    /**
     * With {@code resume}, an unfinished run's directory is cleared of everything but its checkpoint
     * ({@code _checkpoint/}); a finished one (with a manifest) is refused, there is nothing to resume.
     */
    static String prepare(String output, boolean overwrite, boolean resume, Configuration conf) {
        try {
            Path path = new Path(output);
            FileSystem fs = path.getFileSystem(conf);
            Path qualified = fs.makeQualified(path);
            if (fs.exists(qualified)) {
                FileStatus status = fs.getFileStatus(qualified);
                if (!status.isDirectory()) {
                    throw new UserError("--output " + output + " is a file, not a directory");
                }
                if (resume && fs.listStatus(qualified).length > 0) {
                    if (fs.exists(new Path(qualified, CorpusJob.MANIFEST))) {
                        throw new UserError("--resume: " + output + " holds a finished corpus (manifest.json); "
                                + "nothing to resume");
                    }
                    for (FileStatus child : fs.listStatus(qualified)) {
                        if (!child.getPath().getName().equals(CorpusJob.CHECKPOINTS)) {
                            fs.delete(child.getPath(), true);
                        }
                    }
                } else if (fs.listStatus(qualified).length > 0) {
                    if (!overwrite) {
                        throw new UserError("--output " + output
                                + " already exists and is not empty (add --overwrite to replace it)");
                    }
                    fs.delete(qualified, true);
                }
            }
            fs.mkdirs(qualified);
            String uri = qualified.toUri().toString();
            return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        } catch (IOException e) {
            throw new UserError("--output " + output + ": " + e.getMessage());
        }
    }
}
