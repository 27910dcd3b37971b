package io.aihub.services.standalone;

/** An embedded server (broker, registry) could not be started, reached or stopped. */
public final class InfrastructureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InfrastructureException(String message) {
        super(message);
    }

    public InfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }
}
