package org.corpusforge.jobs.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.corpusforge.core.source.InputFile;

/**
 * What a run says before it starts when one input path (a directory, say) holds files of several formats: each is
 * read as its format says, which is what a user pointing at a crawl's directory rarely means for its side files (a
 * generator's manifest.tsv read as 3,001 transcript lines). One line per such path, naming the formats, how many
 * files each, and the files of the rarer ones.
 */
public final class MixedFormats {
    private static final int NAMED = 3;

    private MixedFormats() {}

    public static List<String> lines(List<InputFile> files) {
        Map<String, Map<String, List<InputFile>>> byPath = new TreeMap<>();
        for (InputFile f : files) {
            String format = f.format() == null ? "recognised by content" : f.format();
            byPath.computeIfAbsent(f.spec().path(), p -> new TreeMap<>())
                    .computeIfAbsent(format, k -> new ArrayList<>()).add(f);
        }
        List<String> lines = new ArrayList<>();
        byPath.forEach((path, formats) -> {
            if (formats.size() < 2) {
                return;
            }
            int most = formats.values().stream().mapToInt(List::size).max().orElse(0);
            List<String> parts = new ArrayList<>();
            formats.entrySet().stream()
                    .sorted((a, b) -> b.getValue().size() != a.getValue().size()
                            ? b.getValue().size() - a.getValue().size() : a.getKey().compareTo(b.getKey()))
                    .forEach(e -> {
                        int n = e.getValue().size();
                        String part = n + " " + e.getKey();
                        if (n < most) {
                            List<String> names = e.getValue().stream().limit(NAMED).map(InputFile::relativePath).toList();
                            part += " (" + String.join(", ", names) + (n > NAMED ? ", ..." : "") + ")";
                        }
                        parts.add(part);
                    });
            lines.add("note: " + path + " holds files of " + formats.size() + " formats: " + String.join(", ", parts)
                    + "; each is read as its format says (a glob or FORMAT:PATH reads only some)");
        });
        return lines;
    }
}
