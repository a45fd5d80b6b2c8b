package org.corpusforge.jobs;

import org.apache.spark.util.LongAccumulator;

/** What a run tells about its phases as it goes ({@link RunProgress} shows them); {@link #NONE} when nobody watches. */
public interface RunPhases {
    /** A phase begins; {@code totalBytes} is the input size when the phase reads the inputs, else -1. */
    void begin(String name, long totalBytes);

    /** A line for whoever watches, between phases (what a resumed run reuses). */
    default void note(String line) {}

    /** The phase under way ends. */
    void end();

    /** Counted by the reading tasks: records read; null when nothing is counted. */
    LongAccumulator documents();

    /** Counted by the reading tasks: stored bytes of the input files read; null when nothing is counted. */
    LongAccumulator inputBytes();

    /** No progress shown, nothing counted. */
    RunPhases NONE = new RunPhases() {
        @Override
        public void begin(String name, long totalBytes) {}

        @Override
        public void end() {}

        @Override
        public LongAccumulator documents() {
            return null;
        }

        @Override
        public LongAccumulator inputBytes() {
            return null;
        }
    };
}
