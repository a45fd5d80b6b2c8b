package org.corpusforge.jobs;

import org.corpusforge.core.report.ReportPage;
import org.corpusforge.core.report.StageReport;
import org.corpusforge.core.report.StageRun;
import org.corpusforge.filters.kind.DocumentStageType;
import org.corpusforge.filters.StageCatalog;
import org.corpusforge.jobs.global.GlobalStageType;
import org.corpusforge.jobs.global.GlobalStages;
import org.corpusforge.jobs.report.ReportData;
import org.corpusforge.jobs.report.RunReport;

/** Every registered kind of stage, per-document and global, by name: what the report and the card ask. */
public final class StageKinds implements RunReport.Kinds {
    public static final StageKinds REGISTERED = new StageKinds();

    private StageKinds() {}

    @Override
    public StageReport kind(String name) {
        DocumentStageType perDocument = name == null ? null : StageCatalog.type(name);
        GlobalStageType global = name == null ? null : GlobalStages.type(name);
        return perDocument != null ? perDocument : global != null ? global : StageReport.PLAIN;
    }

    @Override
    public void report(ReportPage page, StageRun stage, ReportData data) {
        if (kind(stage.kind()) instanceof GlobalStageType global) {
            global.report(page, stage, data);
        } else {
            kind(stage.kind()).report(page, stage);
        }
    }
}
