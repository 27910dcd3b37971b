package io.aihub.services.api;

/** One reason a request was refused: the JSON path of the field at fault and what is wrong with it. */
public record FieldViolation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
