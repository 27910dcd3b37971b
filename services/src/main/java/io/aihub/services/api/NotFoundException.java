package io.aihub.services.api;

/** What the caller asked for does not exist (or no longer exists in the stores); answered with 404. */
public final class NotFoundException extends RuntimeException {

    private final String title;

    public NotFoundException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
