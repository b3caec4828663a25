package dev.wacalls.graph;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Meta's health summary for messaging and calling through a number: overall, then per entity (phone number,
 * WABA, business, app) with the errors that limit it.
 *
 * @param canSendMessage AVAILABLE, LIMITED or BLOCKED overall
 * @param entities per-entity status
 */
public record HealthStatus(String canSendMessage, List<Entity> entities) {
    public HealthStatus {
        entities = List.copyOf(entities);
    }

    public boolean blocked() {
        return "BLOCKED".equalsIgnoreCase(canSendMessage);
    }

    /**
     * One node's status.
     *
     * @param entityType PHONE_NUMBER, WABA, BUSINESS, APP, MESSAGE_TEMPLATE
     * @param id the node's id
     * @param canSendMessage its status
     * @param canReceiveCallSip SIP status on phone numbers
     * @param errors what limits it
     */
    public record Entity(
            String entityType, String id, String canSendMessage, @Nullable String canReceiveCallSip, List<Issue> errors) {
        public Entity {
            errors = List.copyOf(errors);
        }

        public Optional<String> sipStatus() {
            return Optional.ofNullable(canReceiveCallSip);
        }
    }

    /**
     * A limiting condition.
     *
     * @param code Meta's error code
     * @param description what is wrong
     * @param possibleSolution what to do
     */
    public record Issue(int code, String description, @Nullable String possibleSolution) {}
}
