package io.aihub.services.api;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;

/** Collects every violation of a request before refusing it, so the caller sees all of them at once. */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    public Violations add(String field, String message) {
        found.add(new FieldViolation(field, message));
        return this;
    }

    /** Adds every violation {@code other} found. */
    public Violations addAll(Violations other) {
        found.addAll(other.found);
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws {@link RequestRejectedException} if anything was found. */
    public void throwIfAny(HttpStatus status, String title) {
        if (!found.isEmpty()) {
            throw new RequestRejectedException(status, title, found);
        }
    }
}
