package org.corpusforge.jobs;

import java.util.Map;

/** Wall time of the job's phases, in seconds, in the order they ran. */
final class PhaseClock {
    private final Map<String, Double> laps = new java.util.LinkedHashMap<>();
    private long last = System.nanoTime();

    void lap(String phase) {
        long now = System.nanoTime();
        laps.merge(phase, Math.round((now - last) / 1e6) / 1000.0, Double::sum); // a stage named twice: both
        last = now;
    }

    Map<String, Double> laps() {
        return laps;
    }
}
