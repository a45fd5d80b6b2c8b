package org.corpusforge.jobs.io;

import java.io.IOException;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.output.PathOutputCommitter;
import org.apache.hadoop.mapreduce.task.JobContextImpl;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory;
import org.corpusforge.jobs.base.UserError;

/**
 * How the files that tasks write become visible under the output directory.
 *
 * <ul>
 *   <li>{@code direct} (file systems: local, HDFS): each task writes its files under their final names; a retried or
 *       speculative attempt rewrites the same bytes, and the manifest, written last, is what readers trust.</li>
 *   <li>{@code s3a}: through an S3A committer, {@code magic} by default ({@code directory} with
 *       {@code fs.s3a.committer.name=directory}). Tasks write under the committer's work path; their uploads stay
 *       pending until the job commits, then all appear at once. Nothing is renamed, and a failed run leaves no
 *       part files behind. File names stay deterministic: the work path mirrors the output directory.</li>
 * </ul>
 * One instance is one write job; the driver calls {@link #setupJob} and {@link #commitJob} (or {@link #abortJob}),
 * each task {@link #startTask}, then {@link #commitTask} or {@link #abortTask}.
 */
public final class PartCommit implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String COMMITTER_KEY = "fs.s3a.committer.name";

    private final String outputUri;
    private final String writeId;
    private final boolean s3a;
    private final String committerName;
    private transient PathOutputCommitter driverCommitter;
    private transient JobContext jobContext;

    private PartCommit(String outputUri, String writeId, boolean s3a, String committerName) {
        this.outputUri = outputUri;
        this.writeId = writeId;
        this.s3a = s3a;
        this.committerName = committerName;
    }

    /** @param writeId unique to this write (a run id and what is written), the S3A committer's job UUID */
    public static PartCommit forOutput(String outputUri, String writeId, Configuration conf) {
        boolean s3a = outputUri.startsWith("s3a://");
        String name = s3a ? committerName(conf) : null;
        if (s3a && !name.equals("magic") && !name.equals("directory")) {
            throw new UserError(COMMITTER_KEY + "=" + name + ": corpusforge writes s3a outputs through the magic or "
                    + "directory committer only, never by rename");
        }
        return new PartCommit(outputUri, writeId.replaceAll("[^A-Za-z0-9_-]", "_"), s3a, name);
    }

    /** The committer the user chose; Hadoop's own default ({@code file}, rename-based) counts as no choice. */
    static String committerName(Configuration conf) {
        String[] sources = conf.getPropertySources(COMMITTER_KEY);
        boolean chosen = sources != null && java.util.Arrays.stream(sources).anyMatch(s -> !s.equals("core-default.xml"));
        String value = conf.get(COMMITTER_KEY);
        // a setting set and then unset still lists its source, with no value
        return chosen && value != null ? value : "magic";
    }

    /** A task's place to write: files go under {@link #root()} with their paths relative to the output. */
    public static final class TaskWork {
        private final String root;
        private final PathOutputCommitter committer;
        private final TaskAttemptContext context;

        TaskWork(String root, PathOutputCommitter committer, TaskAttemptContext context) {
            this.root = root;
            this.committer = committer;
            this.context = context;
        }

        public String root() {
            return root;
        }
    }

    public void setupJob(Configuration conf) throws IOException {
        if (!s3a) {
            return;
        }
        TaskAttemptContext context = context(conf, 0, 0);
        jobContext = new JobContextImpl(context.getConfiguration(), context.getJobID());
        driverCommitter = committer(context);
        driverCommitter.setupJob(jobContext);
    }

    public TaskWork startTask(int partition, int attempt, Configuration conf) throws IOException {
        if (!s3a) {
            return new TaskWork(outputUri, null, null);
        }
        TaskAttemptContext context = context(conf, partition, attempt);
        PathOutputCommitter committer = committer(context);
        committer.setupTask(context);
        String root = committer.getWorkPath().toString();
        return new TaskWork(root.endsWith("/") ? root.substring(0, root.length() - 1) : root, committer, context);
    }

    public void commitTask(TaskWork work) throws IOException {
        if (work.committer != null && work.committer.needsTaskCommit(work.context)) {
            work.committer.commitTask(work.context);
        }
    }

    public void abortTask(TaskWork work) {
        if (work.committer != null) {
            try {
                work.committer.abortTask(work.context);
            } catch (IOException | RuntimeException e) {
                // the task is failing already; its pending uploads are aborted when the job commits or aborts
            }
        }
    }

    public void commitJob() throws IOException {
        if (driverCommitter != null) {
            driverCommitter.commitJob(jobContext);
        }
    }

    public void abortJob() {
        if (driverCommitter != null) {
            try {
                driverCommitter.abortJob(jobContext, org.apache.hadoop.mapreduce.JobStatus.State.FAILED);
            } catch (IOException | RuntimeException e) {
                // the write is failing already; what is left are pending uploads, never visible files
            }
        }
    }

    private TaskAttemptContext context(Configuration base, int partition, int attempt) {
        Configuration conf = new Configuration(base);
        conf.set(COMMITTER_KEY, committerName);
        // the shards, the quarantine and the checkpoint are separate writes into one directory; the staging
        // committer's default ("fail" when the directory exists) would refuse the second
        conf.set("fs.s3a.committer.staging.conflict-mode", "append");
        // and it would add the job's id to every file name; ours are deterministic and unique already
        conf.setBoolean("fs.s3a.committer.staging.unique-filenames", false);
        conf.setBoolean("fs.s3a.committer.magic.enabled", true);
        // the same job UUID on the driver and in every task, so that the job commit finds the tasks' uploads
        conf.set("fs.s3a.committer.uuid", writeId);
        conf.setBoolean("fs.s3a.committer.require.uuid", true);
        // the manifest is this tool's success marker; no _SUCCESS file beside the shards
        conf.setBoolean("mapreduce.fileoutputcommitter.marksuccessfuljobs", false);
        JobID job = new JobID("corpusforge", Math.abs(writeId.hashCode() % 1_000_000));
        return new TaskAttemptContextImpl(conf, new TaskAttemptID(new TaskID(job, TaskType.REDUCE, partition), attempt));
    }

    private PathOutputCommitter committer(TaskAttemptContext context) throws IOException {
        return new S3ACommitterFactory().createOutputCommitter(new Path(outputUri), context);
    }
}
