package org.corpusforge.jobs;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.SerializableConfiguration;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.core.source.FileRecords;
import org.corpusforge.core.source.InputFile;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.core.stage.StageChain;
import org.corpusforge.filters.StageCatalog;
import org.corpusforge.jobs.io.HadoopFiles;

/**
 * The per-document part of the job, run inside one task: reads its group of input files one after another, streaming,
 * and passes every record through the stage chain, which is built once per task.
 */
final class ReadAndProcess implements FlatMapFunction<Iterator<List<InputFile>>, Outcome> {
    private static final long serialVersionUID = 1L;
    private final CorpusConfig config;
    private final SerializableConfiguration hadoopConf;
    private final org.apache.spark.util.LongAccumulator documents;
    private final org.apache.spark.util.LongAccumulator inputBytes;
    private final org.apache.spark.broadcast.Broadcast<java.util.HashMap<String,
            org.corpusforge.filters.classify.ClassifierModels.Bytes>> models;

    /**
     * @param documents, inputBytes counted for the run's progress, or null
     * @param models the classifier stages' models the driver read, by location, or null: none
     */
    ReadAndProcess(CorpusConfig config, SerializableConfiguration hadoopConf,
                   org.apache.spark.util.LongAccumulator documents, org.apache.spark.util.LongAccumulator inputBytes,
                   org.apache.spark.broadcast.Broadcast<java.util.HashMap<String,
                           org.corpusforge.filters.classify.ClassifierModels.Bytes>> models) {
        this.config = config;
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
        StageChain chain = StageCatalog.build(config.reparse().stageNodes());
        Iterator<Outcome> processed = chain.processAll(new Iterator<>() {
            private Iterator<Outcome> current = Collections.emptyIterator();
            private long currentBytes;

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (inputBytes != null) {
                        inputBytes.add(currentBytes);
                        currentBytes = 0;
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
                return FileRecords.readOrQuarantine(file, () -> HadoopFiles.open(file.uri(), hadoopConf.value()));
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
