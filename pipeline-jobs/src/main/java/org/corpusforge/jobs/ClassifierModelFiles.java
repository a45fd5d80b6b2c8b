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
 * The models of a run's classifier stages, read once on the driver from any file system Hadoop reaches, so that the
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
            if (!"classifier".equals(node.string("name", null)) || !node.bool("enabled", true)) {
                continue;
            }
            String location = node.string("model", null);
            String id = node.string("id", "classifier");
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
