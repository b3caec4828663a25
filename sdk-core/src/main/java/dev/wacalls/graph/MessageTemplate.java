package dev.wacalls.graph;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message template as Meta lists it.
 *
 * @param id Meta's template id
 * @param name the template's name
 * @param language its language code
 * @param status APPROVED, PENDING, REJECTED, PAUSED, DISABLED, …
 * @param category its category
 * @param hasCallPermissionRequest whether it carries the {@code call_permission_request} component
 * @param raw the whole object, for fields this version does not model
 */
public record MessageTemplate(
        String id,
        String name,
        String language,
        String status,
        TemplateCategory category,
        boolean hasCallPermissionRequest,
        JsonNode raw) {

    public boolean approved() {
        return "APPROVED".equalsIgnoreCase(status);
    }
}
