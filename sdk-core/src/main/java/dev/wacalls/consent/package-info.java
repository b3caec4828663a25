/**
 * The consent-policy engine: per business line and candidate, whether the business may invite the candidate to
 * receive calls and whether it may call them now, with the reason and the instant that can change.
 *
 * <p>{@link dev.wacalls.consent.ConsentEngine} applies {@link dev.wacalls.consent.ConsentPolicy} (WhatsApp's limits
 * and the product's rules) to events — invitations, replies, calls, Meta's errors and Meta's own view from
 * {@code GET call_permissions} — kept in a {@link dev.wacalls.consent.ConsentStore}: in memory, or JDBC on
 * PostgreSQL or H2 so that the limits hold across application instances. Every change is reported to a
 * {@link dev.wacalls.consent.TimelineListener}.
 */
@NullMarked
package dev.wacalls.consent;

import org.jspecify.annotations.NullMarked;
