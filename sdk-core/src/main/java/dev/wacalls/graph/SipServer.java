package dev.wacalls.graph;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A SIP server Meta sends calls to (one per number and app).
 *
 * @param hostname the server's host name; its TLS certificate must match
 * @param port TLS port, 5061 by default
 * @param requestUriUserParams extra user parameters of the request URI (e.g. {@code tgrp}); at most 128
 *     characters together
 * @param sipUserPassword Meta's generated digest password, only when read with credentials
 * @param appId the app the server belongs to, when Meta says
 */
public record SipServer(
        String hostname,
        int port,
        Map<String, String> requestUriUserParams,
        @Nullable String sipUserPassword,
        @Nullable String appId) {
    public static final int DEFAULT_PORT = 5061;

    public SipServer {
        Objects.requireNonNull(hostname, "hostname");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        requestUriUserParams = Map.copyOf(requestUriUserParams);
    }

    public static SipServer of(String hostname, int port) {
        return new SipServer(hostname, port, Map.of(), null, null);
    }

    public Optional<String> password() {
        return Optional.ofNullable(sipUserPassword);
    }
}
