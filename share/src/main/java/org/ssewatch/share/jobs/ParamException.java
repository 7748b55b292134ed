package org.ssewatch.share.jobs;

/**
 * Submitted parameters that a job does not accept. The message is one line that names the
 * parameter and says why, meant to be the body of a 400 as it is.
 */
public final class ParamException extends Exception {
    ParamException(String message) {
        super(message);
    }
}
