package io.aihub.connectors.postgres.internal;

/**
 * A record that can never be written, whatever the retries: its value is not of the topic's type, a required field is
 * missing, an id fails the id pattern, a number is not finite. The task hands it to the errant record reporter (DLQ).
 */
public final class BadRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    public BadRecordException(String message) {
        super(message);
    }

    public BadRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
