package org.corpusforge.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.source.InputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every path an input matches is listed once, with a problem when it must not be opened (issue 12). */
class InputResolverTest {
    private static List<InputFile> resolve(String path) {
        return InputResolver.resolve(CorpusConfig.parse("inputs: [{path: '" + path + "'}]\n", List.of())
                .finish().inputs(), new Configuration());
    }

    private static Map<String, String> byName(List<InputFile> files) {
        Map<String, String> m = new TreeMap<>();
        files.forEach(f -> m.put(f.relativePath(), f.readable() ? "file" : f.problem()));
        return m;
    }

    static void mkfifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertEquals(0, mk.waitFor());
    }

    @Test
    void fifosLoopsAndDanglingLinksAreListedWithTheirProblemNotOpenedOrFollowedForever(@TempDir Path tmp)
            throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("a.jsonl"), "{\"text\":\"a\"}\n");
        Files.writeString(in.resolve("2024-01-01T00:00.jsonl"), "{\"text\":\"b\"}\n");
        mkfifo(in.resolve("pipe.jsonl"));
        Files.createDirectories(in.resolve("sub"));
        Files.writeString(in.resolve("sub/c.txt"), "本文。");
        Files.createSymbolicLink(in.resolve("sub/loop"), in);
        Files.createSymbolicLink(in.resolve("gone.jsonl"), in.resolve("nowhere.jsonl"));
        Files.writeString(in.resolve(".hidden"), "x");
        Map<String, String> listed = byName(resolve(in.toString()));
        assertEquals(Map.of("a.jsonl", "file", "2024-01-01T00:00.jsonl", "file", "pipe.jsonl", "not-a-regular-file",
                "sub/c.txt", "file", "sub/loop", "symlink-loop", "gone.jsonl", "dangling-link"), listed);
    }

    @Test
    void aFileNamedWithAColonIsFoundByGlobAndByName(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("2024-01-01T00:00.jsonl"), "{\"text\":\"b\"}\n");
        Files.writeString(tmp.resolve("other.txt"), "x");
        List<InputFile> glob = resolve(tmp + "/*.jsonl");
        assertEquals(1, glob.size());
        assertEquals("2024-01-01T00:00.jsonl", glob.get(0).relativePath());
        List<InputFile> one = resolve(tmp.resolve("2024-01-01T00:00.jsonl").toString());
        assertEquals(glob.get(0).uri(), one.get(0).uri());
        // the URI opens through Hadoop
        String sha = HadoopFiles.sha256(one.get(0).uri(), new Configuration());
        assertEquals(64, sha.length());
    }

    @Test
    void aFifoGivenByNameIsNotOpened(@TempDir Path tmp) throws Exception {
        mkfifo(tmp.resolve("p.jsonl"));
        List<InputFile> files = resolve(tmp.resolve("p.jsonl").toString());
        assertEquals("not-a-regular-file", files.get(0).problem());
        assertTrue(HadoopFiles.checksummed(files.get(0), new Configuration()).sha256() == null);
    }
}
