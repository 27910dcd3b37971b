package io.aihub.services.online;

/** Redis did not answer, refused a command, or held something this application did not write. */
public final class OnlineStoreException extends RuntimeException {

    OnlineStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    OnlineStoreException(String message) {
        super(message);
    }
}
