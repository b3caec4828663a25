package dev.wacalls.graph;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Meta's answer to {@code GET /{phone-number-id}/call_permissions}: the user's permission and what the business
 * may do next. This is the final word; local consent state is reconciled with it.
 *
 * <pre>{@code
 * CallPermissions p = client.permissions().get(WaId.of("447700900123"));
 * if (p.canStartCall()) { … }
 * }</pre>
 *
 * @param status the permission
 * @param expiresAt when a temporary permission ends (absent for permanent and none)
 * @param actions the actions and their limits
 */
public record CallPermissions(PermissionStatus status, @Nullable Instant expiresAt, List<PermissionAction> actions) {
    public CallPermissions {
        actions = List.copyOf(actions);
    }

    public Optional<Instant> expiration() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<PermissionAction> action(String name) {
        return actions.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Whether Meta would take a call-permission request now. */
    public boolean canSendPermissionRequest() {
        return action(PermissionAction.SEND_CALL_PERMISSION_REQUEST).map(PermissionAction::canPerform).orElse(false);
    }

    /** Whether Meta would let a business-initiated call start now. */
    public boolean canStartCall() {
        return action(PermissionAction.START_CALL).map(PermissionAction::canPerform).orElse(false);
    }
}
