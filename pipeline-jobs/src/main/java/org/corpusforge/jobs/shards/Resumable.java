package org.corpusforge.jobs.shards;

import java.io.Serializable;

/**
 * What makes a sharded write resumable: where it records its committed parts, and a key naming the records it is
 * given (a run's config, build and input checksums: the same key, the same records), so that a later run reuses a
 * part only when it would write the very same bytes.
 */
public record Resumable(String markerDirectory, String key) implements Serializable {}
