package org.corpusforge.jobs.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.corpusforge.core.stage.Outcome;
import org.corpusforge.jobs.OrderKey;
import scala.Tuple2;

/**
 * A few dropped documents per stage and reason, for the report: the first ones in the run's seeded order, so the
 * same run shows the same examples. Only provenance and the stage's detail travel (the detail was redacted by the
 * chain like every side output); never the text.
 */
public final class DroppedExamples {
    private DroppedExamples() {}

    public static List<ReportData.Example> of(JavaRDD<Outcome> outcomes, long seed, int parallelism) {
        int keep = ReportData.EXAMPLES_PER_REASON;
        List<Tuple2<String, ArrayList<Tuple2<OrderKey, String[]>>>> collected = outcomes
                .filter(o -> o.status() == Outcome.Status.DROPPED)
                .mapToPair(o -> {
                    ArrayList<Tuple2<OrderKey, String[]>> one = new ArrayList<>();
                    one.add(new Tuple2<>(OrderKey.of(seed, o.id(), o.provenance()), new String[] {o.stage(), o.reason(),
                            o.id(), o.provenance().sourceUri(), o.provenance().locator(), o.detail()}));
                    return new Tuple2<>(o.stage() + "\t" + o.reason(), one);
                })
                .reduceByKey((a, b) -> smallest(a, b, keep), parallelism)
                .collect();
        List<ReportData.Example> examples = new ArrayList<>();
        collected.stream().sorted(java.util.Comparator.comparing(t -> t._1()))
                .forEach(t -> t._2().stream().sorted(java.util.Comparator.comparing(Tuple2::_1)).forEach(e -> {
                    String[] v = e._2();
                    examples.add(new ReportData.Example(v[0], v[1], v[2], v[3], v[4], v[5]));
                }));
        return examples;
    }

    private static ArrayList<Tuple2<OrderKey, String[]>> smallest(ArrayList<Tuple2<OrderKey, String[]>> a,
                                                                  ArrayList<Tuple2<OrderKey, String[]>> b, int keep) {
        ArrayList<Tuple2<OrderKey, String[]>> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(java.util.Comparator.comparing(Tuple2::_1));
        return new ArrayList<>(all.subList(0, Math.min(keep, all.size())));
    }
}
