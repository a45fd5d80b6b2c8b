package org.corpusforge.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import org.corpusforge.core.config.ConfigException;
import org.corpusforge.jobs.BuildInfo;
import org.corpusforge.jobs.base.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code corpusforge} command line. User errors print one line and exit 2; no stack trace. */
@Command(name = "corpusforge", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Builds Japanese LLM training corpora on Apache Spark: reads, cleans, filters and writes "
                + "sharded Parquet with a provenance manifest.",
        subcommands = {RunCommand.class, VerifyCommand.class, ShowCommand.class, SearchCommand.class, ServeCommand.class,
                IndexCommand.class, ScheduleCommand.class, ReportCommand.class, InspectCommand.class, StatsCommand.class, TokenizeCommand.class,
                ClassifyCommand.class, org.corpusforge.jobs.bench.BenchCommands.class,
                org.corpusforge.jobs.bench.EvalCommands.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int USER_ERROR = 2;
    private static final java.util.regex.Pattern MOVED = java.util.regex.Pattern.compile(
            "(?:(bench|eval)-(stages|tokenize|dedup|search|pii|decontam|toxicity))|train-toxicity");
    public static final int FAILURE = 1;
    /** Outside org.corpusforge, so that it reaches the log file only, never the console (conf/log4j2.properties). */
    private static final org.apache.logging.log4j.Logger TRACE =
            org.apache.logging.log4j.LogManager.getLogger("corpusforge.failure");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int status = execute(args);
        if (insideYarnApplicationMaster()) {
            // YARN's ApplicationMaster reports an application whose main calls System.exit as failed ("shutdown
            // hook called before final status was reported"), even with status 0: there main returns, or throws
            if (status != 0) {
                throw new IllegalStateException("corpusforge ended with status " + status + " (the lines above say why)");
            }
            return;
        }
        System.exit(status);
    }

    /** Whether this is the driver of YARN's cluster deploy mode, which runs inside the ApplicationMaster. */
    static boolean insideYarnApplicationMaster() {
        return System.getProperty("spark.yarn.app.id") != null
                || System.getProperty("spark.master", "").startsWith("yarn")
                        && "cluster".equals(System.getProperty("spark.submit.deployMode"));
    }

    private static volatile String[] arguments = new String[0];

    public static int execute(String... args) {
        arguments = args.clone();
        return commandLine().execute(args);
    }

    /** The arguments of this JVM's command, as given (for the line that says how to resume an interrupted run). */
    static String[] arguments() {
        return arguments.clone();
    }

    /** The configured command line, with one-line handling of user errors. */
    public static CommandLine commandLine() {
        // the help's list of input formats is the registry's (picocli interpolates ${sys:...} in descriptions)
        System.setProperty("corpusforge.formats", String.join(", ", org.corpusforge.core.source.InputFormats.names()));
        // and so are its lists of stages
        System.setProperty("corpusforge.stages", String.join(", ", org.corpusforge.filters.StageCatalog.names()));
        System.setProperty("corpusforge.global_stages", String.join(", ",
                org.corpusforge.jobs.global.GlobalStages.sections().keySet()));
        SearchCommand.describeQueries();
        // a classifier's model may be on any file system the job reads (the run itself reads it again with its own
        // Hadoop settings, once, and hands it to the executors)
        org.corpusforge.filters.classify.ClassifierModels.readWith(location ->
                org.corpusforge.jobs.io.HadoopFiles.readRegularFile(location,
                        new org.apache.hadoop.conf.Configuration(), org.corpusforge.jobs.io.HadoopFiles.MAX_MODEL_BYTES));
        CommandLine cl = new CommandLine(new Main());
        SearchCommand.addParameterOptions(cl.getSubcommands().get("search").getCommandSpec());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(cmd.getCommandName() + ": " + describe(ex) + " (see "
                    + cmd.getCommandSpec().qualifiedName() + " --help)");
            return USER_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (org.corpusforge.jobs.Interruption.signal() != null) {
                // what Spark threw as it was shut down under the job: the interruption's own line has said it all
                return org.corpusforge.jobs.Interruption.status();
            }
            Throwable cause = userError(ex);
            if (cause != null) {
                // one line, whatever a library's message held (YAML and JSON errors quote the input below)
                err.println("corpusforge: error: " + String.valueOf(cause.getMessage()).strip().replaceAll("\\s*\\R\\s*", " "));
                return USER_ERROR;
            }
            // anything else (a full disk, a damaged file, a bug): one line on the console, the whole trace in the log
            TRACE.error("{} failed", cmd.getCommandName(), ex);
            String log = System.getProperty("corpusforge.log");
            err.println("corpusforge: error: " + summary(ex) + (log == null ? "" : " (details: " + log + ")"));
            return FAILURE;
        });
        return cl;
    }

    /**
     * A mistake on the command line as the user made it: what they typed that matched nothing, with the closest
     * command or option, before picocli's own account (which names a required option the typo was meant to be).
     */
    private static final java.util.regex.Pattern KEY_VALUE = java.util.regex.Pattern.compile(
            "Value for option option '(--[\\w-]+)' \\([^)]*\\) should be in KEY=VALUE format but was (.*)",
            java.util.regex.Pattern.DOTALL);

    static String describe(CommandLine.ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        List<String> unmatched = ex instanceof CommandLine.UnmatchedArgumentException u ? u.getUnmatched()
                : cmd.getParseResult() == null ? List.of() : cmd.getParseResult().unmatched();
        if (!unmatched.isEmpty()) {
            String typed = unmatched.get(0);
            if (typed.startsWith("-")) {
                String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
                return "unknown option '" + name + "'" + org.corpusforge.core.config.NearestName.suggest(name, cmd.getCommandSpec().optionsMap().keySet());
            }
            java.util.regex.Matcher grouped = MOVED.matcher(typed);
            if (cmd.getParent() == null && grouped.matches()) {
                // the benchmarks and evaluations were top-level commands once
                String group = grouped.group(1) != null ? grouped.group(1) : "eval";
                String name = grouped.group(2) != null ? grouped.group(2) : typed;
                return "unknown command '" + typed + "' (it is '" + group + " " + name + "' now)";
            }
            if (!cmd.getSubcommands().isEmpty()) {
                return "unknown command '" + typed + "'" + org.corpusforge.core.config.NearestName.suggest(typed, cmd.getSubcommands().keySet());
            }
            return "unexpected argument '" + typed + "'";
        }
        if (ex instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0) instanceof CommandLine.Model.OptionSpec option
                && ex.getMessage().startsWith("Missing required parameter for option")) {
            return option.longestName() + " needs a value (" + option.paramLabel() + ")";
        }
        java.util.regex.Matcher keyValue = KEY_VALUE.matcher(ex.getMessage());
        if (keyValue.matches()) {
            // picocli's words for a map option given without '=' ("Value for option option '--set' ...")
            return keyValue.group(1) + " " + keyValue.group(2) + ": expected KEY=VALUE, such as " + keyValue.group(1)
                    + " " + keyValue.group(2) + "=VALUE";
        }
        return ex.getMessage();
    }

    /** The user error behind an exception, also when Spark wrapped it, or null. */
    private static Throwable userError(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof UserError || t instanceof ConfigException) {
                return t;
            }
        }
        return null;
    }

    /**
     * The innermost cause's first line, which names what went wrong ("java.io.IOException: No space left on
     * device") where the outer ones say only where (a Spark job aborted, a task lost).
     */
    static String summary(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.toString();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"corpusforge " + BuildInfo.version() + " (" + BuildInfo.gitCommit() + ")"};
        }
    }
}
