package org.corpusforge.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version and git commit this build was made from, recorded in every manifest. */
public final class BuildInfo {
    private static final Properties PROPS = load();

    private BuildInfo() {}

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource leaves the values unknown; the manifest says so
        }
        return p;
    }

    public static String version() {
        return known(PROPS.getProperty("version"));
    }

    /** The commit, suffixed with {@code -dirty} when the working tree had uncommitted changes. */
    public static String gitCommit() {
        String commit = known(PROPS.getProperty("git.commit"));
        return "true".equals(PROPS.getProperty("git.dirty")) ? commit + "-dirty" : commit;
    }

    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
