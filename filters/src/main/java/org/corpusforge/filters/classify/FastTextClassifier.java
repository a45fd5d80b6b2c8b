package org.corpusforge.filters.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fastText model's probability for every one of its labels, as {@code fasttext predict-prob} gives them. */
public final class FastTextClassifier implements TextClassifier {
    private final FastTextModel model;
    private final Map<String, Integer> columns = new HashMap<>();

    public FastTextClassifier(FastTextModel model) {
        this.model = model;
        model.labels().forEach(label -> columns.put(label, columns.size()));
    }

    @Override
    public List<String> labels() {
        return model.labels();
    }

    @Override
    public List<double[]> scores(List<String> texts) {
        int labels = columns.size();
        List<double[]> rows = new ArrayList<>(texts.size());
        for (String text : texts) {
            double[] row = new double[labels];
            for (FastTextModel.Prediction p : model.predict(text, labels)) {
                row[columns.get(p.label())] = p.probability();
            }
            rows.add(row);
        }
        return rows;
    }
}
