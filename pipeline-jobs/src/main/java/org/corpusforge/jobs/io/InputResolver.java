package org.corpusforge.jobs.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.corpusforge.core.source.InputSpec;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.jobs.base.UserError;

/**
 * Expands the configured input paths (files, directories, globs; any Hadoop file system, s3a included) into
 * the sorted list of files to read. A path that matches nothing is a user error, not an empty corpus.
 */
public final class InputResolver {
    private InputResolver() {}

    public static List<InputFile> resolve(List<InputSpec> specs, Configuration conf) {
        Map<String, InputFile> byUri = new TreeMap<>();
        Map<String, Integer> owner = new TreeMap<>();
        for (int i = 0; i < specs.size(); i++) {
            InputSpec spec = specs.get(i);
            try {
                for (InputFile file : resolve(spec, conf)) {
                    Integer previous = owner.putIfAbsent(file.uri(), i);
                    if (previous != null) {
                        throw new UserError("inputs[" + i + "].path: " + file.uri() + " is already read by inputs["
                                + previous + "]; a file must be read once");
                    }
                    byUri.put(file.uri(), file);
                }
            } catch (IOException e) {
                throw new UserError("inputs[" + i + "].path: cannot list " + spec.path() + ": " + e.getMessage());
            }
        }
        return new ArrayList<>(byUri.values());
    }

    private static List<InputFile> resolve(InputSpec spec, Configuration conf) throws IOException {
        if (isLocal(spec.path(), conf)) {
            return LocalInputs.list(spec.path(), spec);
        }
        Path pattern = new Path(spec.path());
        FileSystem fs = pattern.getFileSystem(conf);
        FileStatus[] matches = fs.globStatus(pattern);
        if (matches == null || matches.length == 0) {
            throw new UserError("input not found: " + spec.path());
        }
        Path base = fs.makeQualified(baseDirectory(pattern, fs));
        InputSpec named = spec.name() != null ? spec : spec.withName(base.getName().isEmpty() ? "input" : base.getName());
        List<InputFile> files = new ArrayList<>();
        for (FileStatus match : matches) {
            if (match.isDirectory()) {
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
                while (it.hasNext()) {
                    LocatedFileStatus f = it.next();
                    if (!isHidden(f.getPath(), match.getPath())) {
                        files.add(file(f, base, named));
                    }
                }
            } else {
                files.add(file(match, base, named));
            }
        }
        return files;
    }

    /** A path on this machine's file system: {@code file:}, or no scheme while the default file system is local. */
    static boolean isLocal(String path, Configuration conf) {
        if (path.startsWith("file:")) {
            return true;
        }
        int colon = path.indexOf(':');
        int slash = path.indexOf('/');
        boolean hasScheme = colon > 0 && (slash < 0 || colon < slash) && path.substring(0, colon).matches("[a-zA-Z][a-zA-Z0-9+.-]*")
                && path.startsWith("://", colon);
        return !hasScheme && FileSystem.getDefaultUri(conf).getScheme().equals("file");
    }

    /** The deepest directory of the pattern without glob characters; a plain file's directory; a directory itself. */
    private static Path baseDirectory(Path pattern, FileSystem fs) throws IOException {
        Path p = pattern;
        while (p.getParent() != null && hasGlob(p.toString())) {
            p = p.getParent();
        }
        if (p.equals(pattern) && !hasGlob(p.toString()) && fs.getFileStatus(p).isFile()) {
            return p.getParent() == null ? p : p.getParent();
        }
        return p;
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    /** Hidden and marker files (".crc", "_SUCCESS") inside a listed directory are not inputs. */
    private static boolean isHidden(Path file, Path root) {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            String n = p.getName();
            if (n.startsWith(".") || n.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    private static InputFile file(FileStatus status, Path base, InputSpec spec) {
        String uri = uriOf(status.getPath());
        String baseUri = uriOf(base);
        String relative = uri.startsWith(baseUri + "/") ? uri.substring(baseUri.length() + 1) : status.getPath().getName();
        return new InputFile(uri, relative, spec, status.getLen(), null);
    }

    /** One spelling per file: Hadoop writes local paths both as file:/a and file:///a. */
    static String uriOf(Path path) {
        java.net.URI u = path.toUri();
        if ("file".equals(u.getScheme())) {
            return "file:" + u.getPath();
        }
        return u.toString();
    }

}
