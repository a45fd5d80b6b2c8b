package org.corpusforge.jobs;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * What a run does when it is interrupted (Ctrl-C, SIGINT; or SIGTERM, as a scheduler sends): one line saying what was
 * interrupted and the exact command that resumes it, the run's lock released, exit 130 or 143; never the stack of
 * errors Spark raises as its context is shut down under the job. Whatever the run was writing stays unfinished and
 * unlisted (the manifest is written last, atomically), so the directory is what {@code --resume} expects.
 */
public final class Interruption {
    private static final AtomicReference<String> SIGNAL = new AtomicReference<>();

    private Interruption() {}

    /** The signal that interrupted this JVM's run (INT, TERM), or null. */
    public static String signal() {
        return SIGNAL.get();
    }

    /** The exit status of an interrupted run: 128 plus the signal's number. */
    public static int status() {
        return "TERM".equals(SIGNAL.get()) ? 143 : 130;
    }

    /**
     * Takes over SIGINT and SIGTERM for a run: on the first, prints {@code message(phase)}, runs {@code release} and
     * ends the JVM with {@link #status()}.
     *
     * @param phase what the run is doing, asked when the signal comes
     */
    public static void install(PrintWriter err, java.util.function.Supplier<String> phase, String resumeCommand,
                               Runnable release) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> {
                    if (!SIGNAL.compareAndSet(null, name)) {
                        return;
                    }
                    // Spark logs the tasks its shutdown cancels, with their stacks: nothing more goes to the console
                    org.apache.logging.log4j.core.config.Configurator.setAllLevels(
                            org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME, org.apache.logging.log4j.Level.OFF);
                    err.println("corpusforge: interrupted (SIG" + name + ") during " + phase.get()
                            + "; the output is resumable: " + resumeCommand);
                    err.flush();
                    // nor do the stacks of pool threads whose tasks the shutdown rejects, which the JVM prints to
                    // System.err itself (err above holds the stream it had, so the line is out already)
                    System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
                    try {
                        release.run();
                    } finally {
                        System.exit(status());
                    }
                });
            } catch (IllegalArgumentException e) {
                // the JVM reserves this signal (-Xrs): the default handling stays
            }
        }
    }
}
