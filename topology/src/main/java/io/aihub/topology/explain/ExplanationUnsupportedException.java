package io.aihub.topology.explain;

/** The model cannot be explained as asked (its kind has no SHAP, or it keeps no rows for a global explanation). */
public final class ExplanationUnsupportedException extends RuntimeException {

    public ExplanationUnsupportedException(String message) {
        super(message);
    }
}
