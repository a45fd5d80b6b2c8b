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
 * and passes every record through the stage chain, which is built once per task. What leaves it is what the rest of
 * the run needs: a kept document whole, any other outcome without its text. With a checkpoint, every outcome is also
 * saved, and the task commits its work in units of whole files as it goes ({@link PerDocumentCheckpoint}).
 */
public final class ReadAndProcess implements FlatMapFunction<Iterator<List<InputFile>>, Outcome> {
    private static final long serialVersionUID = 1L;
    private final PipelinePlan.Recipe plan;
    private final SerializableConfiguration hadoopConf;
    private final org.apache.spark.broadcast.Broadcast<java.util.HashMap<String,
            org.corpusforge.filters.classify.ClassifierModels.Bytes>> models;
    private org.apache.spark.util.LongAccumulator documents;
    private org.apache.spark.util.LongAccumulator inputBytes;
    private org.corpusforge.jobs.report.OutcomeSketches measured;
    private PerDocumentCheckpoint.Units units;

    /** @param models the classifier stages' models the driver read, by location, or null: none */
    public ReadAndProcess(PipelinePlan.Recipe plan, SerializableConfiguration hadoopConf,
                   org.apache.spark.broadcast.Broadcast<java.util.HashMap<String,
                           org.corpusforge.filters.classify.ClassifierModels.Bytes>> models) {
        this.plan = plan;
        this.hadoopConf = hadoopConf;
        this.models = models;
    }

    /** Records and stored bytes read are counted for the run's progress (either may be null). */
    ReadAndProcess counting(org.apache.spark.util.LongAccumulator documents,
                            org.apache.spark.util.LongAccumulator inputBytes) {
        this.documents = documents;
        this.inputBytes = inputBytes;
        return this;
    }

    /** Every outcome is measured for the report, before its text goes. */
    ReadAndProcess measuring(org.corpusforge.jobs.report.OutcomeSketches measured) {
        this.measured = measured;
        return this;
    }

    /** Every outcome is saved in the checkpoint's units (null: no checkpoint). */
    ReadAndProcess savingUnits(PerDocumentCheckpoint.Units units) {
        this.units = units;
        return this;
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
        PerDocumentCheckpoint.Writer saved = units == null ? null : units.writer(hadoopConf.value(), measured);
        Iterator<Outcome> processed = new Iterator<>() {
            private Iterator<Outcome> current = Collections.emptyIterator();
            private InputFile currentFile;
            private long currentBytes;
            /** What of the current file's stored bytes the progress has been told of. */
            private long credited;

            @Override
            public boolean hasNext() {
                try {
                    while (!current.hasNext()) {
                        if (currentFile != null) {
                            fileDone();
                        }
                        if (!files.hasNext()) {
                            TaskContext task = TaskContext.get();
                            TaskFaults.maybeFail(hadoopConf.value(), "read", task == null ? 0 : task.partitionId(), task);
                            if (saved != null) {
                                saved.finish();
                            }
                            return false;
                        }
                        currentFile = files.next();
                        currentBytes = currentFile.bytes();
                        current = chain.processAll(records(currentFile));
                        if (saved != null) {
                            // the unit measures its outcomes whole, as the run's report does, and saves them as they leave
                            current = saved.save(currentFile, leaving(saved.measure(current), false));
                        } else {
                            current = leaving(current, measured != null);
                        }
                    }
                    return true;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            private void fileDone() throws java.io.IOException {
                if (inputBytes != null) {
                    // the rest of the file: what a reader that stopped early (a read error) never consumed
                    inputBytes.add(Math.max(0, currentBytes - credited));
                    credited = 0;
                }
                if (saved != null) {
                    saved.fileDone(currentFile);
                }
                currentFile = null;
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
        };
        return documents == null ? processed : MappedIterator.peek(processed, o -> documents.add(1));
    }

    /**
     * Only kept documents need their text from here on; quarantine records keep their excerpt; with {@code measure}
     * the report's sketches see every outcome first, while a dropped one still has its signals (with a checkpoint
     * the unit measures it instead, and adds its sketches to the task's when it commits).
     */
    private Iterator<Outcome> leaving(Iterator<Outcome> outcomes, boolean measure) {
        return MappedIterator.map(outcomes, o -> {
            if (measure) {
                measured.add(o);
            }
            return o.status() == Outcome.Status.KEPT ? o : o.withoutText();
        });
    }
}
