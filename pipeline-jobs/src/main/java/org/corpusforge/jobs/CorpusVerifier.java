package org.corpusforge.jobs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.manifest.ManifestChecks;
import org.corpusforge.core.manifest.ManifestJson;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.io.ParquetJson;

/**
 * Checks a finished corpus against its manifest: every listed file exists with its recorded size, SHA-256 and
 * row count, no unlisted file sits among them, and the accounting adds up. Reads files; needs no Spark.
 */
public final class CorpusVerifier {
    private CorpusVerifier() {}

    /** Loads the manifest of a corpus directory; a missing one means the run never finished. */
    public static Manifest readManifest(String dir, Configuration conf) {
        String uri = strip(dir) + "/" + CorpusJob.MANIFEST;
        try {
            return ManifestJson.fromBytes(HadoopFiles.readAll(uri, conf));
        } catch (FileNotFoundException e) {
            throw new UserError(uri + " not found: not a corpus, or the run did not finish");
        } catch (IOException e) {
            throw new UserError(uri + " cannot be read: " + e.getMessage());
        }
    }

    /** One line per problem; empty when the corpus is intact. */
    public static List<String> problems(String dir, Configuration conf) {
        String root = strip(dir);
        Manifest manifest = readManifest(root, conf);
        List<String> problems = new ArrayList<>(ManifestChecks.accountingProblems(manifest));
        checkFiles(root, "shards", manifest.shards(), true, conf, problems);
        checkFiles(root, "quarantine", manifest.quarantine(), false, conf, problems);
        checkFiles(root, "dropped", manifest.dropped() == null ? List.of() : manifest.dropped(), false, conf, problems);
        return problems;
    }

    private static void checkFiles(String root, String directory, List<Manifest.FileEntry> entries, boolean parquet,
                                   Configuration conf, List<String> problems) {
        Set<String> listed = new HashSet<>();
        for (Manifest.FileEntry entry : entries) {
            listed.add(entry.path());
            String uri = root + "/" + entry.path();
            try {
                FileStatus status = new Path(uri).getFileSystem(conf).getFileStatus(new Path(uri));
                if (status.getLen() != entry.bytes()) {
                    problems.add(entry.path() + ": " + status.getLen() + " bytes, manifest says " + entry.bytes());
                }
                String sha = HadoopFiles.sha256(uri, conf);
                if (!sha.equals(entry.sha256())) {
                    problems.add(entry.path() + ": sha256 " + sha + ", manifest says " + entry.sha256());
                    continue;
                }
                long rows = parquet ? ParquetJson.rowCount(uri, conf) : countLines(uri, conf);
                if (rows != entry.rows()) {
                    problems.add(entry.path() + ": " + rows + " rows, manifest says " + entry.rows());
                }
            } catch (FileNotFoundException e) {
                problems.add(entry.path() + ": missing");
            } catch (IOException | RuntimeException e) {
                problems.add(entry.path() + ": unreadable: " + e.getMessage());
            }
        }
        try {
            Path dirPath = new Path(root + "/" + directory);
            FileSystem fs = dirPath.getFileSystem(conf);
            if (fs.exists(dirPath)) {
                for (FileStatus status : fs.listStatus(dirPath)) {
                    String relative = directory + "/" + status.getPath().getName();
                    if (!listed.contains(relative)) {
                        problems.add(relative + ": not listed in the manifest");
                    }
                }
            }
        } catch (IOException e) {
            problems.add(directory + ": cannot be listed: " + e.getMessage());
        }
    }

    private static long countLines(String uri, Configuration conf) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = HadoopFiles.open(uri, conf)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    static String strip(String dir) {
        return dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }
}
