package org.corpusforge.core.config;

/** A configuration problem a user can fix; the message names the key and what was expected. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
