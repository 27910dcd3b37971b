package io.aihub.services.registry.storage;

/** The model store could not complete a call: the S3 server refused it, failed, or could not be reached. */
public class ModelStorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelStorageException(String message) {
        super(message);
    }

    public ModelStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
