package org.corpusforge.filters.classify;

import java.util.List;

/** A trained model that scores texts on a fixed list of labels: what a {@link ClassifierStage} runs. */
public interface TextClassifier {
    /** The labels, in the order of every row {@link #scores} returns. */
    List<String> labels();

    /**
     * One row of scores per text, in the order given, each as {@link #labels} orders them. A text's scores do not
     * depend on the texts beside it.
     */
    List<double[]> scores(List<String> texts);
}
