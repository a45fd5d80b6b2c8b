package org.corpusforge.core.config;

/** A configuration problem a user can fix; the message names the key and what was expected. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigException(String message) {
        this(message, null);
    }

    /** @param key the dotted key the problem is about ({@code output.shuffle_seed}), so the caller can say where it came from */
    public ConfigException(String message, String key) {
        super(message);
        this.key = key;
    }

    /** The dotted key at fault, or null when the problem is not one key's. */
    public String key() {
        return key;
    }
}
