package dev.wacalls.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The engine's answer to "may we invite?" or "may we call?": allowed, or denied with a reason, the status text the
 * recruiter sees, and the instant the answer can change.
 *
 * <pre>{@code
 * Decision d = engine.canCall(key);
 * if (d instanceof Decision.Denied no) ui.disableCallButton(no.status());   // "Waiting for reply"
 * }</pre>
 */
public sealed interface Decision permits Decision.Allowed, Decision.Denied {

    boolean allowed();

    /**
     * Allowed. From {@link ConsentEngine#tryStartCall} it carries the reservation that counts the call until its
     * outcome is known.
     *
     * @param reservationId the call's reservation, when one was made
     */
    record Allowed(@Nullable String reservationId) implements Decision {
        static final Allowed PLAIN = new Allowed(null);

        @Override
        public boolean allowed() {
            return true;
        }

        public Optional<String> reservation() {
            return Optional.ofNullable(reservationId);
        }
    }

    /**
     * Denied.
     *
     * @param reason why
     * @param status the text for the recruiter, e.g. "Weekly invite limit — next at 2026-11-30T09:00:00Z"
     * @param changesAt when the answer can change by itself; null when it takes an action (a new invitation)
     */
    record Denied(DenialReason reason, String status, @Nullable Instant changesAt) implements Decision {
        public Denied {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(status, "status");
        }

        @Override
        public boolean allowed() {
            return false;
        }

        public Optional<Instant> until() {
            return Optional.ofNullable(changesAt);
        }
    }
}
