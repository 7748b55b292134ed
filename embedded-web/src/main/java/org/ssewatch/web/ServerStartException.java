package org.ssewatch.web;

/** The server could not start: the port is taken, the address is not ours, and the like. */
public final class ServerStartException extends Exception {
    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
