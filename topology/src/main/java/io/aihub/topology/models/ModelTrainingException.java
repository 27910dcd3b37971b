package io.aihub.topology.models;

/** Training a model failed inside the learning library, or was interrupted; the cause says why. */
public final class ModelTrainingException extends RuntimeException {

    public ModelTrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
