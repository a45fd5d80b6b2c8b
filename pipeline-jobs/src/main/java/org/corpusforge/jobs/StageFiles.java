package org.corpusforge.jobs;

import org.corpusforge.jobs.base.UserError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.filters.StageCatalog;
import org.corpusforge.filters.classify.ClassifierModels;
import org.corpusforge.jobs.io.HadoopFiles;

/**
 * The files a run's stages read (a classifier's model and tokenizer.json, the toxicity stage's model, url-filter's
 * lists: whatever {@link StageCatalog#sideFiles} says), read once on the driver from any file system Hadoop reaches,
 * so that the job can hand them to every executor (a broadcast) and the manifest can name each with its SHA-256.
 */
final class StageFiles {
    private StageFiles() {}

    /**
     * One file of a classifier stage: the stage's id, the configuration's key that names it (model, tokenizer), the
     * location given there, the bytes read.
     */
    record Model(String stageId, String key, String location, ClassifierModels.Bytes bytes) {}

    /** @throws UserError naming the stage and the file that cannot be read */
    static List<Model> read(PipelinePlan plan, Configuration conf) {
        List<Model> models = new ArrayList<>();
        for (ConfigNode node : plan.recipe().stageNodes()) {
            if (!node.bool("enabled", true)) {
                continue;
            }
            String id = node.string("id", node.string("name", null));
            for (org.corpusforge.filters.kind.SideFile file : StageCatalog.sideFiles(node)) {
                String key = file.key() == null ? "file" : file.key();
                try {
                    models.add(new Model(id, key, file.location(), ClassifierModels.Bytes.of(
                            HadoopFiles.readRegularFile(file.location(), conf, HadoopFiles.MAX_MODEL_BYTES))));
                } catch (java.io.FileNotFoundException e) {
                    if (file.required()) {
                        throw new UserError(node.path() + "." + key + " " + file.location() + ": cannot be read ("
                                + e.getMessage() + ")");
                    }
                } catch (IOException | RuntimeException e) {
                    throw new UserError(node.path() + "." + key + " " + file.location() + ": cannot be read ("
                            + e.getMessage() + ")");
                }
            }
        }
        return models;
    }

    /** The files by location, as executors receive them. */
    static HashMap<String, ClassifierModels.Bytes> byLocation(List<Model> models) {
        HashMap<String, ClassifierModels.Bytes> map = new HashMap<>();
        models.forEach(m -> map.put(m.location(), m.bytes()));
        return map;
    }
}
