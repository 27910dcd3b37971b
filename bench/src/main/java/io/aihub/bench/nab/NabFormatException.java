package io.aihub.bench.nab;

import org.jspecify.annotations.Nullable;

/** A NAB data, label or result file that is missing, malformed or inconsistent; the message names the file. */
public final class NabFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NabFormatException(String message) {
        super(message);
    }

    public NabFormatException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
