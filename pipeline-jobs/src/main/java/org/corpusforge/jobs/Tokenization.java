package org.corpusforge.jobs;

import org.corpusforge.jobs.shards.OrderKey;
import org.corpusforge.jobs.base.UserError;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.corpusforge.core.config.TokenizerSpec;
import org.corpusforge.core.model.Document;
import org.corpusforge.core.model.TokenizedDocument;
import org.corpusforge.filters.tokenize.SubwordTokenizer;
import org.corpusforge.filters.tokenize.SubwordTokenizers;
import org.corpusforge.filters.tokenize.TokenizerModel;
import org.corpusforge.jobs.io.HadoopFiles;
import scala.Tuple2;

/**
 * The tokenise step between the global stages and the shard writer: kept documents, keyed by their place in the
 * seeded output order, with their token counts (and ids when an output needs them). The model is read once on
 * the driver, from any file system, and broadcast; each executor loads it once.
 */
public final class Tokenization {
    private Tokenization() {}

    /** Reads and loads the model on the driver, so a wrong path or file fails the run before any work. */
    public static SubwordTokenizer load(TokenizerSpec spec, Configuration conf) {
        return load(spec, conf, "tokenizer.model");
    }

    /** @param setting how error messages name where the path came from (a config key, an option) */
    public static SubwordTokenizer load(TokenizerSpec spec, Configuration conf, String setting) {
        byte[] bytes;
        try {
            bytes = HadoopFiles.readRegularFile(spec.model(), conf, HadoopFiles.MAX_MODEL_BYTES);
        } catch (FileNotFoundException e) {
            throw new UserError(setting + " " + spec.model() + ": no such file");
        } catch (IOException e) {
            throw new UserError(setting + " " + spec.model() + ": " + e.getMessage());
        }
        TokenizerModel model = new TokenizerModel(spec.name(), spec.model(),
                TokenizerModel.Kind.ofFileName(spec.model()), bytes);
        try {
            return SubwordTokenizers.shared(model);
        } catch (IllegalArgumentException e) {
            throw new UserError(setting + ": " + e.getMessage());
        }
    }

    /** Every kept document with its key; {@code model} null leaves them untokenised. */
    static JavaPairRDD<OrderKey, TokenizedDocument> apply(JavaRDD<Document> kept, long seed,
                                                          Broadcast<TokenizerModel> model, boolean keepIds) {
        return kept.mapPartitionsToPair(documents -> keyed(documents,
                model == null ? null : SubwordTokenizers.shared(model.value()), seed, keepIds));
    }

    private static Iterator<Tuple2<OrderKey, TokenizedDocument>> keyed(Iterator<Document> documents,
                                                                       SubwordTokenizer tokenizer, long seed,
                                                                       boolean keepIds) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return documents.hasNext();
            }

            @Override
            public Tuple2<OrderKey, TokenizedDocument> next() {
                Document d = documents.next();
                return new Tuple2<>(OrderKey.of(seed, d.id(), d.provenance()), tokenize(d, tokenizer, keepIds));
            }
        };
    }

    private static TokenizedDocument tokenize(Document d, SubwordTokenizer tokenizer, boolean keepIds) {
        if (tokenizer == null) {
            return TokenizedDocument.untokenized(d);
        }
        int[] ids = tokenizer.encode(d.text());
        return new TokenizedDocument(d, ids.length, keepIds ? ids : null);
    }
}
