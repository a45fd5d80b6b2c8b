package org.corpusforge.jobs.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.corpusforge.core.source.InputSpec;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.jobs.base.UserError;

/**
 * Lists an input on the local file system with java.nio rather than Hadoop's local file system, which cannot
 * name a file with a colon ({@code 2024-01-01T00:00.jsonl}: "Relative path in absolute URI"), follows symbolic
 * link loops until the operating system gives up (every file read dozens of times), and lists FIFOs as files
 * (reading one blocks forever). Here every path the input matches is accounted for: a regular file is read; a
 * FIFO, socket or device, a link back into a directory already being walked, and a link to nothing are each
 * listed with their problem, so the run quarantines them with that reason instead of hanging or skipping them.
 * Globs follow Hadoop's syntax, which java.nio's {@code glob:} shares ({@code *}, {@code ?}, {@code [..]},
 * {@code {a,b}}, never crossing a {@code /}).
 */
final class LocalInputs {
    private LocalInputs() {}

    static List<InputFile> list(String pattern, InputSpec spec) throws IOException {
        Path absolute = Path.of(pattern.startsWith("file:") ? pattern.substring("file:".length()) : pattern)
                .toAbsolutePath().normalize();
        Path base = absolute;
        while (base.getParent() != null && hasGlob(base.toString())) {
            base = base.getParent();
        }
        List<Path> matches = new ArrayList<>();
        if (base.equals(absolute)) {
            if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
                matches.add(absolute);
            }
        } else if (Files.isDirectory(base)) {
            PathMatcher matcher = absolute.getFileSystem().getPathMatcher("glob:" + absolute);
            int depth = absolute.getNameCount() - base.getNameCount();
            Path from = base;
            Files.walkFileTree(base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // at the pattern's depth, directories come here too
                    if (file.getNameCount() - from.getNameCount() == depth && matcher.matches(file)) {
                        matches.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return visitFile(file, null);
                }
            });
            matches.sort(null);
        }
        if (matches.isEmpty()) {
            throw new UserError("input not found: " + pattern);
        }
        if (base.equals(absolute) && !Files.isDirectory(absolute)) {
            base = absolute.getParent() == null ? absolute : absolute.getParent();
        }
        InputSpec named = spec.name() != null ? spec
                : spec.withName(base.getFileName() == null ? "input" : base.getFileName().toString());
        List<InputFile> files = new ArrayList<>();
        for (Path match : matches) {
            if (Files.isDirectory(match)) {
                walk(match, base, named, files);
            } else if (Files.exists(match)) {
                files.add(file(match, base, named, Files.readAttributes(match, BasicFileAttributes.class)));
            } else {
                // a link that leads nowhere, or round in a circle
                files.add(InputFile.unreadable(uri(match), relative(match, base), named,
                        Files.isSymbolicLink(match) && !isLoop(match) ? "dangling-link" : "symlink-loop"));
            }
        }
        return files;
    }

    private static void walk(Path root, Path base, InputSpec spec, List<InputFile> files) throws IOException {
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (!hidden(file)) {
                            files.add(file(file, base, spec, attrs));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        if (!hidden(file)) {
                            String problem = e instanceof FileSystemLoopException ? "symlink-loop"
                                    : e instanceof NoSuchFileException ? "dangling-link" : "unlistable";
                            files.add(InputFile.unreadable(uri(file), relative(file, base), spec, problem));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    private static boolean isLoop(Path link) {
        try {
            link.toRealPath();
            return false;
        } catch (FileSystemException e) {
            return e.getReason() != null && e.getReason().contains("many levels");
        } catch (IOException e) {
            return false;
        }
    }

    /** Hidden and marker files (".crc", "_SUCCESS") inside a listed directory are not inputs. */
    private static boolean hidden(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        return n.startsWith(".") || n.startsWith("_");
    }

    private static InputFile file(Path path, Path base, InputSpec spec, BasicFileAttributes attrs) {
        String relative = relative(path, base);
        if (attrs.isSymbolicLink()) {
            // attributes of the link itself: its target does not exist
            return InputFile.unreadable(uri(path), relative, spec, "dangling-link");
        }
        if (!attrs.isRegularFile()) {
            return InputFile.unreadable(uri(path), relative, spec, "not-a-regular-file");
        }
        return new InputFile(uri(path), relative, spec, attrs.size(), null);
    }

    private static String relative(Path path, Path base) {
        return path.startsWith(base) && !path.equals(base) ? base.relativize(path).toString()
                : path.getFileName().toString();
    }

    static String uri(Path path) {
        return "file:" + path;
    }

    private static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }
}
