package dev.wacalls.graph;

import java.util.List;

/**
 * What the business may do with a user now, per Meta: {@code send_call_permission_request} or {@code start_call},
 * with its limits.
 *
 * @param name Meta's action name
 * @param canPerform Meta's verdict right now
 * @param limits the windows that apply
 */
public record PermissionAction(String name, boolean canPerform, List<ActionLimit> limits) {
    public static final String SEND_CALL_PERMISSION_REQUEST = "send_call_permission_request";
    public static final String START_CALL = "start_call";

    public PermissionAction {
        limits = List.copyOf(limits);
    }
}
