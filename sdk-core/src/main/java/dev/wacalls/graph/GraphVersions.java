package dev.wacalls.graph;

import java.util.Objects;
import java.util.regex.Pattern;

/** Graph API version strings. */
final class GraphVersions {
    /** The version used when none is configured: a current one, above Calling's minimum of v17.0. */
    static final String DEFAULT = "v24.0";

    private static final Pattern VERSION = Pattern.compile("v[0-9]{1,3}\\.[0-9]{1,3}");

    private GraphVersions() {}

    static String check(String version) {
        Objects.requireNonNull(version, "apiVersion");
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("Graph API version must look like v24.0, got '" + version + "'");
        }
        return version;
    }
}
