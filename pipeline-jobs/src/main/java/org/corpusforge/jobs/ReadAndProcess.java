package org.corpusforge.jobs;

import org.corpusforge.jobs.base.TaskFaults;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.SerializableConfiguration;
import org.corpusforge.core.source.FileRecords;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.StageChain;
import org.corpusforge.jobs.io.HadoopFiles;

/**
 * The per-document part of the job, run inside one task: reads its group of input files one after another, streaming,
 * and passes every record through the stage chain, which is built once per task.
 */
public final class ReadAndProcess implements FlatMapFunction<Iterator<List<InputFile>>, Outcome> {
    private static final long serialVersionUID = 1L;
    private final PipelinePlan.Recipe plan;
    private final SerializableConfiguration hadoopConf;
    private final org.apache.spark.util.LongAccumulator documents;
    private final org.apache.spark.util.LongAccumulator inputBytes;
    private final org.apache.spark.broadcast.Broadcast<java.util.HashMap<String,
            org.corpusforge.filters.classify.ClassifierModels.Bytes>> models;

    /**
     * @param documents, inputBytes counted for the run's progress, or null
     * @param models the classifier stages' models the driver read, by location, or null: none
     */
    public ReadAndProcess(PipelinePlan.Recipe plan, SerializableConfiguration hadoopConf,
                   org.apache.spark.util.LongAccumulator documents, org.apache.spark.util.LongAccumulator inputBytes,
                   org.apache.spark.broadcast.Broadcast<java.util.HashMap<String,
                           org.corpusforge.filters.classify.ClassifierModels.Bytes>> models) {
        this.plan = plan;
        this.hadoopConf = hadoopConf;
        this.documents = documents;
        this.inputBytes = inputBytes;
        this.models = models;
    }

    @Override
    public Iterator<Outcome> call(Iterator<List<InputFile>> groups) {
        // a task's files come as one group (InputPacking)
        Iterator<InputFile> files = java.util.stream.StreamSupport.stream(
                java.util.Spliterators.spliteratorUnknownSize(groups, 0), false).flatMap(List::stream).iterator();
        if (models != null) {
            org.corpusforge.filters.classify.ClassifierModels.provide(models.value());
        }
        StageChain chain = plan.newChain();
        Iterator<Outcome> processed = chain.processAll(new Iterator<>() {
            private Iterator<Outcome> current = Collections.emptyIterator();
            private long currentBytes;
            /** What of the current file's stored bytes the progress has been told of. */
            private long credited;

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (inputBytes != null) {
                        // the rest of the file: what a reader that stopped early (a read error) never consumed
                        inputBytes.add(Math.max(0, currentBytes - credited));
                        currentBytes = 0;
                        credited = 0;
                    }
                    if (!files.hasNext()) {
                        TaskContext task = TaskContext.get();
                        TaskFaults.maybeFail(hadoopConf.value(), "read", task == null ? 0 : task.partitionId(), task);
                        return false;
                    }
                    current = records(files.next());
                }
                return true;
            }

            @Override
            public Outcome next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }

            private Iterator<Outcome> records(InputFile file) {
                currentBytes = file.bytes();
                return FileRecords.readOrQuarantine(file, HadoopFiles.opener(file.uri(), hadoopConf.value(), this::counted));
            }

            /**
             * The file's stored bytes, told to the progress every MB as they are consumed (before any decompression),
             * so one large .gz or .zst moves the bar; a second opening (the format sniffed first) is told only of
             * what goes beyond the first.
             */
            private java.io.InputStream counted(java.io.InputStream in) {
                if (inputBytes == null) {
                    return in;
                }
                return new java.io.FilterInputStream(in) {
                    private long read;

                    @Override
                    public int read() throws java.io.IOException {
                        int b = super.read();
                        if (b >= 0) {
                            advance(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
                        int n = super.read(buffer, offset, length);
                        if (n > 0) {
                            advance(n);
                        }
                        return n;
                    }

                    @Override
                    public long skip(long n) throws java.io.IOException {
                        long skipped = super.skip(n);
                        advance(skipped);
                        return skipped;
                    }

                    private void advance(long n) {
                        read += n;
                        if (read - credited >= (1 << 20)) {
                            inputBytes.add(read - credited);
                            credited = read;
                        }
                    }
                };
            }
        });
        if (documents == null) {
            return processed;
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return processed.hasNext();
            }

            @Override
            public Outcome next() {
                documents.add(1);
                return processed.next();
            }
        };
    }
}
