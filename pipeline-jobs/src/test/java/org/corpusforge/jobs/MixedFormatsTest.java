package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.jobs.io.InputResolver;
import org.corpusforge.jobs.io.MixedFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 47: a directory given as one input whose side files would be read as documents of another format is said. */
class MixedFormatsTest {
    @Test
    void aCrawlDirectoryWithItsManifestIsNamedBeforeTheRun(@TempDir Path tmp) throws Exception {
        Path crawl = Files.createDirectories(tmp.resolve("crawl/warc"));
        for (String name : List.of("bench-00000.warc.gz", "bench-00001.warc.gz", "bench-00002.warc.gz")) {
            Files.write(crawl.resolve(name), new byte[] {0x1f, (byte) 0x8b});
        }
        Files.writeString(tmp.resolve("crawl/manifest.tsv"), "file\tpages\n");
        List<InputFile> files = InputResolver.resolve(CorpusConfig.parse("inputs: [{path: " + tmp.resolve("crawl")
                + "}]\n", List.of()).finish().inputs(), new Configuration());
        assertEquals(List.of("note: " + tmp.resolve("crawl") + " holds files of 2 formats: 3 warc, 1 tsv (manifest.tsv); "
                + "each is read as its format says (a glob or FORMAT:PATH reads only some)"), MixedFormats.lines(files));

        List<InputFile> warcOnly = InputResolver.resolve(CorpusConfig.parse("inputs: [{path: '" + crawl
                + "/*.warc.gz'}]\n", List.of()).finish().inputs(), new Configuration());
        assertEquals(List.of(), MixedFormats.lines(warcOnly));
    }
}
