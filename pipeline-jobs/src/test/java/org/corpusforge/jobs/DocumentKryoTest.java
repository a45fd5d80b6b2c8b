package org.corpusforge.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.Metadata;
import org.corpusforge.core.model.Provenance;
import org.corpusforge.core.model.SourceKind;
import org.corpusforge.core.stage.Outcome;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** Documents through Spark's Kryo as the job configures it: every field comes back, whatever the text holds. */
class DocumentKryoTest {
    private static final SerializerInstance KRYO = new KryoSerializer(new SparkConf(false)
            .set("spark.kryo.registrator", KryoRecords.class.getName())
            .set("spark.kryo.referenceTracking", "false")).newInstance();

    @Test
    void everyFieldSurvivesAndTextsThatUtf8CannotCarryGoCharacterByCharacter() {
        Metadata metadata = new Metadata("吾輩は猫である", "https://example.org/a", "1905", "public domain",
                Map.of("author", "夏目漱石", "work_id", "789"));
        for (String text : new String[] {"", "ascii only", "がぎぐげご𠮷野家。\n改行", "lone \uD800 high", "lone \uDC00 low",
                "end \uD83D"}) {
            Document doc = new Document("id-1", text, SourceKind.BOOK,
                    new Provenance("file:/data/a.jsonl.gz", "line:3", "ab".repeat(32)), metadata)
                    .withSignals(Map.of("noun_fraction", 0.25, "char_count", (double) text.length(), "nan", Double.NaN));
            Document back = roundTrip(doc);
            assertEquals(doc, back, text);
            assertEquals(doc.signals(), back.signals());
            assertEquals(text, back.text());
            Outcome dropped = Outcome.dropped("quality", "min_chars", "too short", doc);
            Outcome again = roundTrip(dropped);
            assertEquals(dropped.document(), again.document());
            assertEquals("min_chars", again.reason());
        }
        assertTrue(DocumentKryo.pairedSurrogatesOnly("𠮷"));
        assertFalse(DocumentKryo.pairedSurrogatesOnly("\uD842"));
        assertFalse(DocumentKryo.pairedSurrogatesOnly("\uDFB7\uD842"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        ByteBuffer bytes = KRYO.serialize(value, ClassTag$.MODULE$.AnyRef());
        return (T) KRYO.deserialize(bytes, ClassTag$.MODULE$.AnyRef());
    }
}
