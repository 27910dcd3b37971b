package io.aihub.topology.forecast;

/** A forecast request or history that breaks a documented limit; {@link #field()} names the request field. */
public final class ForecastValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public ForecastValidationException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The request field at fault, as the REST API spells it ({@code horizon_hours}, {@code interval_minutes}...). */
    public String field() {
        return field;
    }
}
