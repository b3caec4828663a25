/**
 * What can go wrong talking to WhatsApp, as unchecked exceptions keyed on Meta's error codes.
 *
 * <p>{@link dev.wacalls.error.WhatsAppException} is the root. {@link dev.wacalls.error.GraphApiException} carries
 * Meta's answer (code, HTTP status, {@code fbtrace_id}, {@code error_data.details}) and has one subclass per kind
 * of problem a caller reacts to differently, e.g. {@link dev.wacalls.error.CallPermissionRequiredException} (138006)
 * or {@link dev.wacalls.error.RateLimitedException} (with the next allowed time when Meta gives one).
 * {@link dev.wacalls.error.MetaErrorCode} lists every documented code.
 *
 * <pre>{@code
 * try {
 *     client.calls().connect(request);
 * } catch (CallPermissionRequiredException e) {
 *     ui.show("Invite the candidate first");
 * } catch (RateLimitedException e) {
 *     e.nextAllowedAt().ifPresent(t -> ui.show("Try again at " + t));
 * }
 * }</pre>
 */
@NullMarked
package dev.wacalls.error;

import org.jspecify.annotations.NullMarked;
