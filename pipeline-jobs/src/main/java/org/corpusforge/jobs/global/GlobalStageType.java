package org.corpusforge.jobs.global;

import java.util.List;
import org.corpusforge.core.config.ConfigNode;
import org.corpusforge.core.report.ReportPage;
import org.corpusforge.core.report.StageReport;
import org.corpusforge.core.report.StageRun;
import org.corpusforge.jobs.report.ReportData;

/**
 * A kind of global stage, all of it in one place: its name, the section a configuration without
 * {@code global_stages:} gives it, how its settings make a stage, the directories it writes under the output, the
 * records it sends through Spark (for Kryo), and what it shows in the report and the card. A kind is registered by one
 * line in {@code META-INF/services/org.corpusforge.jobs.global.GlobalStageType}; {@link GlobalStages} is the list.
 */
public abstract class GlobalStageType implements StageReport {
    private final String name;
    private final String section;

    /**
     * @param name    the stage's name in {@code global_stages:}, the manifest and its drop reasons
     * @param section its own top-level section in a configuration without {@code global_stages:}
     */
    protected GlobalStageType(String name, String section) {
        this.name = name;
        this.section = section;
    }

    public final String name() {
        return name;
    }

    public final String section() {
        return section;
    }

    /**
     * Makes a stage from its settings, which it reads and checks; null when they leave it off.
     *
     * @param listed an entry of {@code global_stages:} (else the stage's own section, which may be absent)
     */
    public abstract GlobalStage create(ConfigNode settings, boolean listed);

    /** The directories the stage writes under the output (which {@code --overwrite} may replace): none by default. */
    public List<String> directories() {
        return List.of();
    }

    /** The records the stage sends through Spark that Kryo hands to Java serialisation: none by default. */
    public List<Class<?>> records() {
        return List.of();
    }

    /** The records the stage sends through Spark that Kryo writes itself ({@code KryoSerializable}): none by default. */
    public List<Class<?>> kryoRecords() {
        return List.of();
    }

    /** The stage's part of the run report, with what the run gathered for it ({@link GlobalStage#report}). */
    public void report(ReportPage page, StageRun stage, ReportData data) {
        report(page, stage);
    }
}
