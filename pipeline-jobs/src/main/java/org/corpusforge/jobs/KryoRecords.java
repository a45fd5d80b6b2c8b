package org.corpusforge.jobs;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.corpusforge.core.source.InputSpec;
import org.corpusforge.core.manifest.Manifest;
import org.corpusforge.core.source.InputFile;

/**
 * Lets Kryo carry the Java records the job sends through Spark (Kryo's field serializer cannot set a
 * record's fields), by handing them to Java serialization. Registered whatever serializer the user chose,
 * so that a cluster that defaults to Kryo runs the job unchanged.
 */
public final class KryoRecords implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        for (Class<?> record : new Class<?>[] {InputFile.class, InputSpec.class, InputSpec.JsonlFields.class,
                InputSpec.TextOptions.class, InputSpec.TranscriptOptions.class, Manifest.FileEntry.class,
                org.corpusforge.jobs.report.Kll.class, org.corpusforge.jobs.report.Histogram.class,
                org.corpusforge.filters.classify.ClassifierModels.Bytes.class,
                OutcomeTally.class}) {
            kryo.register(record, new JavaSerializer());
        }
        for (org.corpusforge.jobs.global.GlobalStageType type : org.corpusforge.jobs.global.GlobalStages.types()) {
            for (Class<?> record : type.records()) {
                kryo.register(record, new JavaSerializer());
            }
            for (Class<?> record : type.kryoRecords()) {
                kryo.register(record);
            }
        }
        kryo.register(org.corpusforge.core.model.Document.class, new DocumentKryo());
    }
}
