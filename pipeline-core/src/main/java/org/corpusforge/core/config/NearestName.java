package org.corpusforge.core.config;

/**
 * The name a user probably meant: the nearest of the known names within two edits, said as " (did you mean X?)".
 * One rule for commands, options and configuration keys.
 */
public final class NearestName {
    private NearestName() {}

    /** " (did you mean X?)" for the nearest name within two edits, or nothing. */
    public static String suggest(String typed, java.util.Collection<String> names) {
        String best = null;
        int bestDistance = 3;
        for (String name : new java.util.TreeSet<>(names)) {
            int d = distance(typed, name);
            // a tie goes to the name that holds every typed character in order (--confg: --config, not --conf)
            if (d < bestDistance || d == bestDistance && best != null && !holds(best, typed) && holds(name, typed)) {
                best = name;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static boolean holds(String name, String typed) {
        int at = 0;
        for (int i = 0; i < name.length() && at < typed.length(); i++) {
            if (name.charAt(i) == typed.charAt(at)) {
                at++;
            }
        }
        return at == typed.length();
    }

    private static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int up = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = up;
            }
        }
        return row[b.length()];
    }
}
