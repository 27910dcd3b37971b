package io.aihub.bench.forecast;

import org.jspecify.annotations.Nullable;

/** An input CSV that is missing, malformed or too short for the evaluation; the message names the file. */
public final class ForecastDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file and line
     * @param cause the parse or I/O failure behind it, if any
     */
    public ForecastDataException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
