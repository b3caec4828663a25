/**
 * Small value types for the identifiers WhatsApp uses: {@link dev.wacalls.id.CallId} ({@code wacid.…}),
 * {@link dev.wacalls.id.PhoneNumberId}, {@link dev.wacalls.id.WabaId}, {@link dev.wacalls.id.MessageId}
 * ({@code wamid.…}) and the two ways to name a WhatsApp user, {@link dev.wacalls.id.WaId} (a phone number)
 * and {@link dev.wacalls.id.Bsuid} (a business-scoped user id), both {@link dev.wacalls.id.UserRef}s.
 */
@NullMarked
package dev.wacalls.id;

import org.jspecify.annotations.NullMarked;
