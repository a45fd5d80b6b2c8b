package org.corpusforge.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.filters.classify.ClassifierModels;
import org.corpusforge.jobs.io.HadoopFiles;

/**
 * The models of a run's classifier stages (and the toxicity stage's model file), read once on the driver from any file system Hadoop reaches, so that the
 * job can hand them to every executor (a broadcast) and the manifest can name each with its SHA-256.
 */
final class ClassifierModelFiles {
    private ClassifierModelFiles() {}

    /** One classifier stage's model: the stage's id, the location the configuration gives, the bytes read. */
    record Model(String stageId, String location, ClassifierModels.Bytes bytes) {}

    /** @throws UserError naming the stage and the model that cannot be read */
    static List<Model> read(CorpusConfig config, Configuration conf) {
        List<Model> models = new ArrayList<>();
        for (ConfigNode node : config.reparse().stageNodes()) {
            String name = node.string("name", null);
            String location = node.string("model", null);
            // the classifier stage's model, and the toxicity stage's when it names a file
            boolean file = "classifier".equals(name)
                    || "toxicity".equals(name) && location != null && !List.of("none", "builtin").contains(location);
            if (!file || !node.bool("enabled", true)) {
                continue;
            }
            String id = node.string("id", name);
            try (InputStream in = HadoopFiles.open(location, conf)) {
                models.add(new Model(id, location, ClassifierModels.Bytes.of(in.readAllBytes())));
            } catch (IOException | RuntimeException e) {
                throw new UserError(node.path() + ".model " + location + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        return models;
    }

    /** The models by location, as executors receive them. */
    static HashMap<String, ClassifierModels.Bytes> byLocation(List<Model> models) {
        HashMap<String, ClassifierModels.Bytes> map = new HashMap<>();
        models.forEach(m -> map.put(m.location(), m.bytes()));
        return map;
    }
}
