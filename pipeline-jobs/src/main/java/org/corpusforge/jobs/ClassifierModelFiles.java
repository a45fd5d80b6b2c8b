package org.corpusforge.jobs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.config.CorpusConfig;
import org.corpusforge.filters.classify.ClassifierModels;
import org.corpusforge.jobs.io.HadoopFiles;

/**
 * The files of a run's classifier stages (a model, and an ONNX model's tokenizer.json) and the toxicity stage's
 * model file, read once on the driver from any file system Hadoop reaches, so that the job can hand them to every
 * executor (a broadcast) and the manifest can name each with its SHA-256.
 */
final class ClassifierModelFiles {
    private ClassifierModelFiles() {}

    /**
     * One file of a classifier stage: the stage's id, the configuration's key that names it (model, tokenizer), the
     * location given there, the bytes read.
     */
    record Model(String stageId, String key, String location, ClassifierModels.Bytes bytes) {}

    /** @throws UserError naming the stage and the file that cannot be read */
    static List<Model> read(CorpusConfig config, Configuration conf) {
        List<Model> models = new ArrayList<>();
        for (ConfigNode node : config.reparse().stageNodes()) {
            String name = node.string("name", null);
            String location = node.string("model", null);
            // the classifier stage's model, and the toxicity stage's when it names a file
            boolean hasFile = "classifier".equals(name)
                    || "toxicity".equals(name) && location != null && !List.of("none", "builtin").contains(location);
            if (!node.bool("enabled", true)) {
                continue;
            }
            // the files other stages declare (url-filter's lists)
            for (String file : org.corpusforge.filters.StageCatalog.sideFiles(node)) {
                try {
                    models.add(new Model(node.string("id", name), "file", file, ClassifierModels.Bytes.of(
                            HadoopFiles.readRegularFile(file, conf, HadoopFiles.MAX_MODEL_BYTES))));
                } catch (java.io.FileNotFoundException e) {
                    continue; // an optional file (a UT1 category without urls): the stage says when one must exist
                } catch (IOException | RuntimeException e) {
                    throw new UserError(node.path() + " " + file + ": cannot be read (" + e.getMessage() + ")");
                }
            }
            if (!hasFile) {
                continue;
            }
            String id = node.string("id", name);
            for (String key : "classifier".equals(name) && node.has("tokenizer") ? List.of("model", "tokenizer")
                    : List.of("model")) {
                String file = node.string(key, null);
                try {
                    models.add(new Model(id, key, file, ClassifierModels.Bytes.of(
                            HadoopFiles.readRegularFile(file, conf, HadoopFiles.MAX_MODEL_BYTES))));
                } catch (IOException | RuntimeException e) {
                    throw new UserError(node.path() + "." + key + " " + file + ": cannot be read (" + e.getMessage()
                            + ")");
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
