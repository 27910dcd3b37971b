package io.aihub.topology.catalog;

/** The feature catalog file is missing, unreadable or invalid; the message names the set and field at fault. */
public final class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
