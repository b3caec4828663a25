package dev.wacalls.graph;

import java.util.List;
import java.util.Objects;

/**
 * SIP signalling for a number. While enabled, the Graph calling endpoints and call webhooks are unavailable
 * (error 131055).
 *
 * @param status ENABLED or DISABLED
 * @param servers the servers; at least one while enabled
 */
public record SipSettings(FeatureStatus status, List<SipServer> servers) {
    public SipSettings {
        Objects.requireNonNull(status, "status");
        servers = List.copyOf(servers);
    }
}
