package dev.wacalls.internal;

/** A JSON document parsed but a field had the wrong type. Converted to a public exception at each boundary. */
public final class JsonShapeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public JsonShapeException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
