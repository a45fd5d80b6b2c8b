package org.corpusforge.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.jobs.io.HadoopFiles;
import org.corpusforge.jobs.shards.OrderKey;
import org.corpusforge.jobs.shards.Resumable;
import org.corpusforge.jobs.shards.ShardPartitioner;
import org.corpusforge.jobs.shards.ShardPlanner;

/**
 * The shard plan and the corpus profile as a run computed them from all its documents, saved beside the shards'
 * markers before any shard is written, so that a resumed run with the same documents (the same {@link Resumable}
 * key) takes both as they were and tokenises only the documents of the shards it still has to write.
 */
final class SavedShardPlan implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String FILE = "plan.bin";
    private final String key;
    private final ShardPartitioner partitioner;
    private final int shards;
    private final long placedWhole;
    private final CorpusProfile profile;

    SavedShardPlan(String key, ShardPlanner.Plan plan, CorpusProfile profile) {
        this.key = key;
        this.partitioner = plan.partitioner();
        this.shards = plan.shards();
        this.placedWhole = plan.placedWhole();
        this.profile = profile;
    }

    ShardPlanner.Plan plan() {
        return new ShardPlanner.Plan(partitioner, shards, placedWhole);
    }

    CorpusProfile profile() {
        return profile;
    }

    /** The plan saved for documents with this key, or null: none, another key, or unreadable. */
    static SavedShardPlan read(Resumable resumable, Configuration conf) {
        try (ObjectInputStream in = new ObjectInputStream(new java.io.ByteArrayInputStream(
                HadoopFiles.readAll(resumable.markerDirectory() + "/" + FILE, conf)))) {
            SavedShardPlan saved = (SavedShardPlan) in.readObject();
            return saved.key.equals(resumable.key()) ? saved : null;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return null; // none, or cut short: the plan is computed again, as a run without it does
        }
    }

    void write(Resumable resumable, Configuration conf) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        }
        HadoopFiles.writeAtomically(resumable.markerDirectory() + "/" + FILE, bytes.toByteArray(), conf);
    }

    /** Whether a document goes to none of the {@code reused} shards: it has to be tokenised and written. */
    static boolean toWrite(ShardPartitioner partitioner, java.util.Set<Integer> reused, long seed,
                           org.corpusforge.core.model.Document d) {
        return !reused.contains(partitioner.getPartition(OrderKey.of(seed, d.id(), d.provenance())));
    }
}
