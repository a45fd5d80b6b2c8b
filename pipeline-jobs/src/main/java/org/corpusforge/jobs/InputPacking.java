package org.corpusforge.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.corpusforge.core.source.InputFile;

/**
 * Groups input files into reading tasks by stored bytes. One task per file made many small files (one HTML page
 * or one utterance per file, as real inputs come) cost a task and a checkpoint part each: 2,000 files of 65 bytes
 * took minutes. There are at least {@link #TASKS_PER_CORE} tasks per core, so that uneven files still balance,
 * and more when the input is large, so that no task reads much more than {@link #TARGET_BYTES}; never more tasks
 * than files. Files are placed largest first on the task with the fewest bytes so far (ties: the lower task), and
 * each task reads its files in URI order, so the grouping depends only on the files and the core count; the
 * output does not depend on it at all.
 */
public final class InputPacking {
    static final long TARGET_BYTES = 64L << 20;
    static final int TASKS_PER_CORE = 4;

    private InputPacking() {}

    public static List<List<InputFile>> pack(List<InputFile> files, int cores) {
        long total = files.stream().mapToLong(InputFile::bytes).sum();
        long bySize = (total + TARGET_BYTES - 1) / TARGET_BYTES;
        int tasks = (int) Math.min(files.size(), Math.max((long) TASKS_PER_CORE * Math.max(1, cores), bySize));
        List<List<InputFile>> groups = new ArrayList<>();
        PriorityQueue<long[]> load = new PriorityQueue<>(
                Comparator.<long[]>comparingLong(g -> g[0]).thenComparingLong(g -> g[1]));
        for (int i = 0; i < tasks; i++) {
            groups.add(new ArrayList<>());
            load.add(new long[] {0, i});
        }
        List<InputFile> largestFirst = new ArrayList<>(files);
        largestFirst.sort(Comparator.comparingLong(InputFile::bytes).reversed().thenComparing(InputFile::uri));
        for (InputFile f : largestFirst) {
            long[] g = load.poll();
            groups.get((int) g[1]).add(f);
            g[0] += Math.max(1, f.bytes());
            load.add(g);
        }
        groups.forEach(g -> g.sort(Comparator.comparing(InputFile::uri)));
        return groups;
    }
}
