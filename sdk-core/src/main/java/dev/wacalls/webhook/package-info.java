/**
 * Webhooks from WhatsApp: {@link dev.wacalls.webhook.Webhooks} verifies {@code X-Hub-Signature-256} over the raw
 * body and parses the batch into sealed, typed {@link dev.wacalls.webhook.WebhookEvent}s; the GET subscription
 * handshake too. Bad input is a {@link dev.wacalls.webhook.WebhookException} with a reason, never an exception
 * from inside the JSON library.
 */
@NullMarked
package dev.wacalls.webhook;

import org.jspecify.annotations.NullMarked;
