package org.corpusforge.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The record of one run, written last to {@code OUT/manifest.json}: what went in (with checksums), what each
 * stage kept, dropped and quarantined and why, and what came out (with checksums). A run without a manifest
 * is not finished. The README describes every field.
 */
public record Manifest(
        int formatVersion,
        String runId,
        Tool tool,
        String startedAt,
        String finishedAt,
        double durationSeconds,
        Map<String, Double> phaseSeconds,
        SparkInfo spark,
        JsonNode config,
        String configSha256,
        List<InputEntry> inputs,
        List<StageEntry> stages,
        Map<String, Map<String, Object>> stageDetails,
        List<FileEntry> shards,
        List<FileEntry> quarantine,
        List<FileEntry> dropped,
        Totals totals) {

    public static final int FORMAT_VERSION = 1;

    public record Tool(String name, String version, String gitCommit) {}

    public record SparkInfo(String master, int defaultParallelism, String version, String applicationId) {}

    public record InputEntry(String uri, long bytes, String sha256, long records) {}

    /** One stage's accounting: {@code in = kept + sum(dropped) + quarantined}. */
    public record StageEntry(String name, long in, long kept, SortedMap<String, Long> dropped, long quarantined,
                             SortedMap<String, Long> quarantineReasons) {
        public long droppedTotal() {
            return dropped.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A file written by the run; paths are relative to the output directory. */
    public record FileEntry(String path, long rows, long bytes, String sha256, long textBytes)
            implements java.io.Serializable {}

    public record Totals(long recordsRead, long kept, long dropped, long quarantined,
                         SortedMap<String, Long> droppedByReason, int shardCount, long shardBytes, long textBytes) {}
}
