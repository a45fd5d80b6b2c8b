package org.corpusforge.jobs.base;

/** A problem with the command line, configuration or paths that the user can fix; printed as one line, exit 2. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
