package dev.wacalls.consent;

import dev.wacalls.error.GraphApiException;
import dev.wacalls.error.RateLimitedException;
import dev.wacalls.graph.ActionLimit;
import dev.wacalls.graph.CallPermissions;
import dev.wacalls.graph.PermissionAction;
import dev.wacalls.graph.PermissionStatus;
import dev.wacalls.id.CallId;
import dev.wacalls.id.MessageId;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.UserRef;
import dev.wacalls.webhook.CallDirection;
import dev.wacalls.webhook.CallPermissionReply;
import dev.wacalls.webhook.CallStatus;
import dev.wacalls.webhook.CallStatusUpdate;
import dev.wacalls.webhook.CallTerminate;
import dev.wacalls.webhook.MessageStatus;
import dev.wacalls.webhook.MessageStatusUpdate;
import dev.wacalls.webhook.WebhookEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, per business line and candidate, whether the business may invite the candidate to calls and whether it
 * may call them now — and keeps that state from events. Thread-safe; with a shared {@link ConsentStore} several
 * application instances can use one database and the limits still hold, because {@link #tryInvite} and
 * {@link #tryStartCall} check and record in one transaction.
 *
 * <pre>{@code
 * ConsentEngine engine = ConsentEngine.builder().store(store).listener(timeline::append).build();
 * ConsentKey key = ConsentKey.of("acme", line, WaId.of("447700900123"));
 * if (engine.tryInvite(key) instanceof Decision.Allowed) {
 *     client.permissions().sendRequest(key.user(), "May we call you about the role?");
 * }
 * // webhooks: engine.onWebhook(event, line -> "acme");
 * Decision call = engine.tryStartCall(key);   // reserves the call against the limits
 * }</pre>
 *
 * <p>Meta is the final word: {@link #reconcile} applies {@code GET call_permissions}; {@link #invitationRefused} and
 * {@link #callRefused} apply Meta's error codes (138006, 138009, 138012, 138017). Remember that WhatsApp sends no
 * webhook when a temporary permission expires: the engine notices by itself and reports it on the timeline.
 */
public final class ConsentEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ConsentEngine.class);
    /** Enough to recognise a resent terminate: Meta's resends come within hours, calls per day are bounded. */
    static final int MAX_ENDED_CALLS = 200;

    private final ConsentStore store;
    private final ConsentPolicy policy;
    private final Clock clock;
    private final TimelineListener listener;

    private ConsentEngine(Builder b) {
        this.store = Objects.requireNonNull(b.store, "a ConsentStore is required");
        this.policy = b.policy;
        this.clock = b.clock;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ConsentPolicy policy() {
        return policy;
    }

    // ---- decisions -----------------------------------------------------------------------------------------

    /** May the business send a call-permission request now? Records nothing (but a noticed expiry). */
    public Decision canInvite(ConsentKey key) {
        Instant now = clock.instant();
        ConsentState s = current(key, now);
        return ConsentRules.invite(s, now, policy);
    }

    /** May the business call the candidate now? Records nothing (but a noticed expiry). */
    public Decision canCall(ConsentKey key) {
        Instant now = clock.instant();
        return callDecision(key, current(key, now), now);
    }

    private Decision callDecision(ConsentKey key, ConsentState s, Instant now) {
        Decision d = ConsentRules.call(s, now, policy);
        if (!d.allowed()) {
            return d;
        }
        OrganizationCalls org = store.peekOrganizationCalls(key, now.minus(ConsentPolicy.DAY),
                now.minus(policy.callReservation()));
        if (!ConsentRules.organizationAtLimit(org, policy)) {
            return d;
        }
        // At the limit: the exact instant it frees up needs the log under its lock.
        return store.transact(key, true, tx -> organization(tx, now));
    }

    /** Where consent stands, for display: the state with the two decisions. */
    public ConsentStatus status(ConsentKey key) {
        Instant now = clock.instant();
        ConsentState s = current(key, now);
        return new ConsentStatus(key, s, ConsentRules.invite(s, now, policy), callDecision(key, s, now), now);
    }

    /**
     * Checks and, when allowed, records an invitation in one step, so that concurrent callers cannot exceed the
     * limits. Send the request when this is allowed; report a refusal from Meta with {@link #invitationRefused}.
     */
    public Decision tryInvite(ConsentKey key) {
        return change(key, false, (loaded, now, events) -> {
            ConsentState s = noticeExpiry(key, loaded, now, events);
            Decision d = ConsentRules.invite(s, now, policy);
            if (!d.allowed()) {
                return new Outcome<>(d, s == loaded ? null : s);
            }
            List<Instant> invitations = pruned(s.invitations(), now, ConsentPolicy.WEEK);
            invitations.add(now);
            events.add(event(key, TimelineEventType.PERMISSION_REQUESTED, now, "Call permission requested", null));
            // A new request: an older request's message failing late must not cancel this one's wait.
            return new Outcome<>(d, s.toBuilder().phase(ConsentPhase.WAITING).invitedAt(now).invitations(invitations)
                    .resetAt(null).invitationMessageId(null).build());
        });
    }

    /**
     * Checks and, when allowed, reserves a business-initiated call against the candidate's and the organisation's
     * daily limits in one step. The {@link Decision.Allowed#reservationId()} identifies the reservation until
     * {@link #callPlaced} names the call; an unanswered call releases it.
     */
    public Decision tryStartCall(ConsentKey key) {
        return change(key, true, (loaded, now, events) -> {
            ConsentState s = noticeExpiry(key, loaded, now, events);
            Decision d = ConsentRules.call(s, now, policy);
            if (d.allowed()) {
                d = organization(events.tx, now);
            }
            if (!d.allowed()) {
                return new Outcome<>(d, s == loaded ? null : s);
            }
            String reservation = "reservation:" + UUID.randomUUID();
            List<CallSlot> calls = prunedCalls(s.calls(), now);
            calls.add(new CallSlot(reservation, now, false));
            events.tx.reserveOrganizationCall(reservation, now);
            events.add(event(key, TimelineEventType.CALL_STARTED, now, "Call started", reservation));
            return new Outcome<>(new Decision.Allowed(reservation), s.toBuilder().calls(calls).build());
        });
    }

    // ---- invitations ---------------------------------------------------------------------------------------

    /** Meta refused the permission request (the API call failed): the reserved invitation is taken back. */
    public void invitationRefused(ConsentKey key, GraphApiException error) {
        change(key, false, (s, now, events) -> {
            ConsentState.Builder b = s.toBuilder();
            List<Instant> invitations = new ArrayList<>(s.invitations());
            if (s.invitedAt() != null) {
                invitations.remove(s.invitedAt());
            }
            b.invitations(invitations);
            if (s.phase() == ConsentPhase.WAITING) {
                b.phase(ConsentPhase.NONE).invitedAt(null);
            }
            switch (error.code()) {
                case 138017 -> {
                    if (!(s.phase() == ConsentPhase.GRANTED && s.permanent())) {
                        events.add(event(key, TimelineEventType.PERMISSION_GRANTED, now,
                                "Call permission granted permanently (per WhatsApp)", null));
                    }
                    b.phase(ConsentPhase.GRANTED).permanent(true).expiresAt(null)
                            .grantedAt(s.grantedAt() == null ? now : s.grantedAt());
                }
                case 138009 -> b.inviteBlockedUntil(nextAllowed(error, now));
                default -> { }
            }
            return new Outcome<>(null, b.build());
        });
    }

    /**
     * The permission request allowed by {@link #tryInvite} was sent: its message id lets a later delivery failure
     * (a {@code failed} message status) be matched to this candidate.
     */
    public void invitationSent(ConsentKey key, MessageId messageId) {
        change(key, false, (s, now, events) -> s.phase() == ConsentPhase.WAITING
                ? new Outcome<>(null, s.toBuilder().invitationMessageId(messageId.value()).build())
                : new Outcome<>(null, null));
    }

    /**
     * A message to the candidate failed; if it is the waiting permission request, that request no longer waits for
     * a reply (it still counts against the limits).
     */
    public void messageFailed(ConsentKey key, MessageId messageId) {
        change(key, false, (s, now, events) -> s.phase() == ConsentPhase.WAITING
                        && messageId.value().equals(s.invitationMessageId())
                ? new Outcome<>(null, s.toBuilder().phase(ConsentPhase.NONE).build())
                : new Outcome<>(null, null));
    }

    /** The permission request could not be delivered: it no longer waits for a reply, but still counts. */
    public void invitationFailed(ConsentKey key) {
        change(key, false, (s, now, events) -> s.phase() == ConsentPhase.WAITING
                ? new Outcome<>(null, s.toBuilder().phase(ConsentPhase.NONE).build())
                : new Outcome<>(null, null));
    }

    /** The candidate (or WhatsApp) answered a permission request. */
    public void replied(ConsentKey key, PermissionReply reply) {
        change(key, false, (s, now, events) -> {
            Instant at = reply.at();
            ConsentState.Builder b = s.toBuilder();
            if (reply.accepted()) {
                Instant expires = reply.permanent() ? null
                        : reply.expiresAt() != null ? reply.expiresAt() : at.plus(policy.temporaryPermission());
                b.phase(ConsentPhase.GRANTED).permanent(reply.permanent()).grantedAt(at).expiresAt(expires)
                        .expiryReported(false).resetAt(null).consecutiveUnanswered(0);
                events.add(event(key, TimelineEventType.PERMISSION_GRANTED, at, reply.permanent()
                        ? "Call permission granted permanently"
                        : "Call permission granted until " + expires, null));
            } else if (reply.automatic()) {
                // WhatsApp revokes automatically after unanswered business calls.
                withoutPermission(b).consecutiveUnanswered(0);
                // After the engine's own reset (4 unanswered calls) this webhook confirms it: not a second reset.
                if (s.phase() != ConsentPhase.RESET) {
                    b.resetAt(at);
                    events.add(event(key, TimelineEventType.PERMISSION_RESET, at,
                            "Call permission reset by WhatsApp after unanswered calls", null));
                }
            } else {
                b.phase(ConsentPhase.DECLINED).permanent(false).expiresAt(null)
                        .declinedInvitationAt(s.invitedAt() != null ? s.invitedAt() : at);
                events.add(event(key, TimelineEventType.PERMISSION_DECLINED, at, "Call permission declined", null));
            }
            return new Outcome<>(null, b.build());
        });
    }

    /** The permission was withdrawn outside a reply (e.g. the ATS's own revocation). */
    public void permissionRevoked(ConsentKey key) {
        change(key, false, (s, now, events) -> {
            events.add(event(key, TimelineEventType.PERMISSION_RESET, now, "Call permission revoked", null));
            return new Outcome<>(null, withoutPermission(s.toBuilder()).resetAt(now).build());
        });
    }

    // ---- calls ---------------------------------------------------------------------------------------------

    /** Meta accepted the call and gave it an id: the reservation now carries the call's id. */
    public void callPlaced(ConsentKey key, String reservationId, CallId callId) {
        change(key, true, (s, now, events) -> {
            List<CallSlot> calls = new ArrayList<>(s.calls());
            if (calls.stream().anyMatch(c -> c.callId().equals(callId.value()))) {
                // The call's ACCEPTED webhook beat Meta's answer to connect and is already counted under its id.
                calls.removeIf(c -> c.callId().equals(reservationId));
                events.tx.releaseOrganizationCall(reservationId);
            } else {
                calls.replaceAll(c -> c.callId().equals(reservationId)
                        ? new CallSlot(callId.value(), c.at(), c.connected()) : c);
                events.tx.renameOrganizationCall(reservationId, callId.value());
            }
            return new Outcome<>(null, s.toBuilder().calls(calls).build());
        });
    }

    /**
     * Meta refused to place the call (the API call failed): the reservation is released, and Meta's code applied —
     * 138006 means no permission after all, 138012 that the daily limit is reached until Meta's next allowed time.
     */
    public void callRefused(ConsentKey key, String reservationId, GraphApiException error) {
        change(key, true, (s, now, events) -> {
            List<CallSlot> calls = new ArrayList<>(s.calls());
            calls.removeIf(c -> c.callId().equals(reservationId));
            events.tx.releaseOrganizationCall(reservationId);
            ConsentState.Builder b = s.toBuilder().calls(calls);
            switch (error.code()) {
                case 138006 -> {
                    if (s.phase() == ConsentPhase.GRANTED) {
                        withoutPermission(b).resetAt(now);
                        events.add(event(key, TimelineEventType.PERMISSION_RESET, now,
                                "Call permission no longer valid on WhatsApp", null));
                    }
                }
                case 138012 -> b.callBlockedUntil(nextAllowed(error, now));
                default -> { }
            }
            return new Outcome<>(null, b.build());
        });
    }

    /**
     * A call connected: it counts for 24 h, and WhatsApp's invitation counters reset. A user-initiated call has no
     * reservation and starts the timeline entry here; it does not count against the business-initiated limits.
     */
    public void callConnected(ConsentKey key, String callId, boolean businessInitiated) {
        change(key, true, (s, now, events) -> {
            List<CallSlot> calls = new ArrayList<>(s.calls());
            boolean known = calls.stream().anyMatch(c -> c.callId().equals(callId));
            if (businessInitiated) {
                if (known) {
                    calls.replaceAll(c -> c.callId().equals(callId) ? new CallSlot(callId, c.at(), true) : c);
                    events.tx.connectOrganizationCall(callId);
                } else {
                    calls.add(new CallSlot(callId, now, true));
                    events.tx.reserveOrganizationCall(callId, now);
                    events.tx.connectOrganizationCall(callId);
                }
            }
            if (!known) {
                events.add(event(key, TimelineEventType.CALL_STARTED, now,
                        businessInitiated ? "Call started" : "Candidate called", callId));
            }
            // A connected call in either direction resets WhatsApp's permission-request counters.
            return new Outcome<>(null, s.toBuilder().calls(calls).invitations(List.of()).inviteBlockedUntil(null)
                    .consecutiveUnanswered(0).build());
        });
    }

    /**
     * A call ended. Answered: the timeline gets "call completed". Not answered (rejected, ignored, failed before
     * connecting): its reservation is released and, for business calls, the unanswered count grows — at the
     * policy's limit (4) the permission is reset.
     */
    public void callEnded(ConsentKey key, String callId, boolean answered, boolean businessInitiated,
            @Nullable Duration connectedFor) {
        change(key, true, (s, now, events) -> {
            if (s.endedCalls().contains(callId)) {
                return new Outcome<>(null, null); // Meta sent this terminate again: applied already.
            }
            List<String> ended = new ArrayList<>(s.endedCalls());
            ended.add(callId);
            if (ended.size() > MAX_ENDED_CALLS) {
                ended.subList(0, ended.size() - MAX_ENDED_CALLS).clear();
            }
            ConsentState.Builder b = s.toBuilder().endedCalls(ended);
            if (answered) {
                boolean counted = s.calls().stream().anyMatch(c -> c.callId().equals(callId) && c.connected());
                if (businessInitiated && !counted) {
                    // The terminate arrived without an ACCEPTED status before it (no ordering guarantee).
                    List<CallSlot> calls = new ArrayList<>(s.calls());
                    calls.removeIf(c -> c.callId().equals(callId));
                    calls.add(new CallSlot(callId, now, true));
                    b.calls(calls);
                    events.tx.releaseOrganizationCall(callId);
                    events.tx.reserveOrganizationCall(callId, now);
                    events.tx.connectOrganizationCall(callId);
                }
                b.invitations(List.of()).inviteBlockedUntil(null).consecutiveUnanswered(0);
                events.add(event(key, TimelineEventType.CALL_COMPLETED, now, connectedFor == null ? "Call completed"
                        : "Call completed (" + connectedFor.toSeconds() + " s)", callId));
                return new Outcome<>(null, b.build());
            }
            List<CallSlot> calls = new ArrayList<>(s.calls());
            calls.removeIf(c -> c.callId().equals(callId) && !c.connected());
            b.calls(calls);
            events.tx.releaseOrganizationCall(callId);
            events.add(event(key, TimelineEventType.CALL_UNANSWERED, now, "Call not answered", callId));
            if (businessInitiated) {
                int unanswered = s.consecutiveUnanswered() + 1;
                b.consecutiveUnanswered(unanswered);
                if (unanswered >= policy.maxConsecutiveUnanswered() && s.phase() == ConsentPhase.GRANTED) {
                    withoutPermission(b).resetAt(now).consecutiveUnanswered(0);
                    events.add(event(key, TimelineEventType.PERMISSION_RESET, now,
                            "Invitation reset after " + unanswered + " unanswered calls", null));
                }
            }
            return new Outcome<>(null, b.build());
        });
    }

    // ---- Meta's view ---------------------------------------------------------------------------------------

    /**
     * Applies Meta's answer to {@code GET call_permissions}: Meta's permission replaces the local one, and Meta's
     * exhausted limits block invitations or calls until Meta says they free up.
     */
    public void reconcile(ConsentKey key, CallPermissions meta) {
        change(key, false, (s, now, events) -> {
            ConsentState.Builder b = s.toBuilder();
            boolean localValid = s.phase() == ConsentPhase.GRANTED && !ConsentRules.permissionExpired(s, now);
            PermissionStatus status = meta.status();
            if (status == PermissionStatus.PERMANENT && !(localValid && s.permanent())) {
                b.phase(ConsentPhase.GRANTED).permanent(true).expiresAt(null).grantedAt(now).resetAt(null);
                events.add(event(key, TimelineEventType.PERMISSION_GRANTED, now,
                        "Call permission granted permanently (per WhatsApp)", null));
            } else if (status == PermissionStatus.TEMPORARY && meta.expiresAt() != null
                    && !meta.expiresAt().isAfter(now)) {
                // Meta's temporary permission has run out already: it ends a local one (reported as expired once),
                // and is not a grant.
                if (localValid) {
                    b.phase(ConsentPhase.GRANTED).permanent(false).expiresAt(meta.expiresAt()).expiryReported(false);
                }
            } else if (status == PermissionStatus.TEMPORARY && meta.expiresAt() != null) {
                if (!localValid || s.permanent() || !meta.expiresAt().equals(s.expiresAt())) {
                    b.phase(ConsentPhase.GRANTED).permanent(false).expiresAt(meta.expiresAt()).expiryReported(false)
                            .resetAt(null).grantedAt(s.grantedAt() == null ? now : s.grantedAt());
                    if (!localValid) {
                        events.add(event(key, TimelineEventType.PERMISSION_GRANTED, now,
                                "Call permission granted until " + meta.expiresAt() + " (per WhatsApp)", null));
                    }
                }
            } else if (status == PermissionStatus.NO_PERMISSION && localValid) {
                withoutPermission(b).resetAt(now);
                events.add(event(key, TimelineEventType.PERMISSION_RESET, now,
                        "Call permission no longer valid on WhatsApp", null));
            }
            Optional<PermissionAction> send = meta.action(PermissionAction.SEND_CALL_PERMISSION_REQUEST);
            // Meta also refuses requests to a user with a permanent permission, and calls to one without any: that
            // is the permission, not a limit, and must not block once the permission changes.
            send.ifPresent(a -> b.inviteBlockedUntil(a.canPerform() ? null
                    : blockedUntil(a, now, status == PermissionStatus.PERMANENT)));
            Optional<PermissionAction> start = meta.action(PermissionAction.START_CALL);
            start.ifPresent(a -> b.callBlockedUntil(a.canPerform() ? null : blockedUntil(a, now, !status.granted())));
            return new Outcome<>(null, b.build());
        });
    }

    /**
     * Feeds a webhook event to the engine: permission replies, call status (ACCEPTED = connected), call terminations,
     * failed permission-request messages (matched by the id given to {@link #invitationSent}).
     * Other events are ignored. {@code organizationOf} names the organisation a business line belongs to.
     */
    public void onWebhook(WebhookEvent event, Function<PhoneNumberId, String> organizationOf) {
        PhoneNumberId line = event.context().phoneNumberId();
        if (line == null) {
            return;
        }
        if (event instanceof CallPermissionReply r) {
            if (r.response() == dev.wacalls.webhook.PermissionResponse.UNKNOWN) {
                LOG.warn("permission reply {} with a response this version does not know: ignored", r.messageId());
                return;
            }
            r.user().ref().ifPresent(user ->
                    replied(key(organizationOf, line, user), PermissionReply.of(r, clock.instant())));
        } else if (event instanceof CallStatusUpdate s && s.status() == CallStatus.ACCEPTED) {
            s.recipient().ref().ifPresent(user ->
                    callConnected(key(organizationOf, line, user), s.callId().value(), true));
        } else if (event instanceof MessageStatusUpdate m && m.status() == MessageStatus.FAILED) {
            m.recipient().ref().ifPresent(user -> messageFailed(key(organizationOf, line, user), m.messageId()));
        } else if (event instanceof CallTerminate t) {
            t.user().ref().ifPresent(user -> callEnded(key(organizationOf, line, user), t.callId().value(),
                    t.answered(), t.direction() != CallDirection.USER_INITIATED, t.duration()));
        }
    }

    private static ConsentKey key(Function<PhoneNumberId, String> organizationOf, PhoneNumberId line, UserRef user) {
        return ConsentKey.of(organizationOf.apply(line), line, user);
    }

    // ---- machinery -----------------------------------------------------------------------------------------

    /** The state, noticing (and recording once) a temporary permission that expired, since no webhook says so. */
    private ConsentState current(ConsentKey key, Instant now) {
        ConsentState s = store.load(key).orElse(ConsentState.initial());
        if (ConsentRules.permissionExpired(s, now) && !s.expiryReported()) {
            return change(key, false, (st, t, events) -> {
                ConsentState next = noticeExpiry(key, st, t, events);
                return new Outcome<>(next, next == st ? null : next);
            });
        }
        return s;
    }

    /** Reports, once, a temporary permission that has expired by {@code now}; the state records that it was. */
    private static ConsentState noticeExpiry(ConsentKey key, ConsentState s, Instant now, Events events) {
        if (ConsentRules.permissionExpired(s, now) && !s.expiryReported()) {
            events.add(event(key, TimelineEventType.PERMISSION_EXPIRED, s.expiresAt(), "Call permission expired", null));
            return s.toBuilder().expiryReported(true).build();
        }
        return s;
    }

    private @Nullable Instant blockedUntil(PermissionAction a, Instant now, boolean explainedByPermission) {
        Instant until = null;
        for (ActionLimit l : a.limits()) {
            Instant t = l.limitExpiresAt() != null ? l.limitExpiresAt() : l.exhausted() ? now.plus(l.window()) : null;
            if (t != null && (until == null || t.isAfter(until))) {
                until = t;
            }
        }
        if (until == null && explainedByPermission) {
            return null;
        }
        // Meta said no without saying until when: hold for a day and ask again then.
        return until != null ? until : now.plus(ConsentPolicy.DAY);
    }

    private static Instant nextAllowed(GraphApiException error, Instant now) {
        if (error instanceof RateLimitedException r && r.nextAllowedAt().isPresent()) {
            return r.nextAllowedAt().get();
        }
        return now.plus(ConsentPolicy.DAY);
    }

    private OrganizationCalls orgCalls(ConsentStore.Transaction tx, Instant now) {
        return tx.organizationCalls(now.minus(ConsentPolicy.DAY), now.minus(policy.callReservation()));
    }

    private Decision organization(ConsentStore.Transaction tx, Instant now) {
        if (!ConsentRules.organizationAtLimit(orgCalls(tx, now), policy)) {
            return Decision.Allowed.PLAIN;
        }
        // The oldest counted call may be a reservation, which stops counting after the reservation time, not a day:
        // the limit frees when the first of the oldest connected call and the oldest reservation stops counting.
        OrganizationCalls connected = tx.organizationCalls(now.minus(ConsentPolicy.DAY), now);
        OrganizationCalls reserved = tx.organizationCalls(now, now.minus(policy.callReservation()));
        Instant free = connected.oldest() == null ? null : connected.oldest().plus(ConsentPolicy.DAY);
        if (reserved.oldest() != null) {
            Instant lapses = reserved.oldest().plus(policy.callReservation());
            free = free == null || lapses.isBefore(free) ? lapses : free;
        }
        return new Decision.Denied(DenialReason.ORGANIZATION_DAILY_CALL_LIMIT,
                "Organisation's daily call limit — resets at " + free, free);
    }

    private List<CallSlot> prunedCalls(List<CallSlot> calls, Instant now) {
        List<CallSlot> out = new ArrayList<>();
        for (CallSlot c : calls) {
            if (now.isBefore(ConsentRules.countsUntil(c, policy))) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparing(CallSlot::at));
        return out;
    }

    private static List<Instant> pruned(List<Instant> times, Instant now, Duration window) {
        Instant from = now.minus(window);
        List<Instant> out = new ArrayList<>();
        for (Instant t : times) {
            if (t.isAfter(from)) {
                out.add(t);
            }
        }
        return out;
    }

    /** The permission is gone (reset by unanswered calls, WhatsApp or Meta): no expiry, not permanent. */
    private static ConsentState.Builder withoutPermission(ConsentState.Builder b) {
        return b.phase(ConsentPhase.RESET).permanent(false).expiresAt(null);
    }

    private static TimelineEvent event(ConsentKey key, TimelineEventType type, Instant at, String text,
            @Nullable String callId) {
        return new TimelineEvent(key, type, at, text, callId);
    }

    /** What a change returns and the state it saves (null saves nothing). */
    private record Outcome<T>(@Nullable T result, @Nullable ConsentState next) {}

    private interface Change<T> {
        Outcome<T> apply(ConsentState state, Instant now, Events events);
    }

    /** The timeline events of a change, and its transaction (for the organisation's log). */
    private static final class Events {
        final List<TimelineEvent> list = new ArrayList<>();
        final ConsentStore.Transaction tx;

        Events(ConsentStore.Transaction tx) {
            this.tx = tx;
        }

        void add(TimelineEvent e) {
            list.add(e);
        }
    }


    private <T> T change(ConsentKey key, boolean lockOrganization, Change<T> change) {
        Instant now = clock.instant();
        List<TimelineEvent> published = new ArrayList<>();
        T result = store.transact(key, lockOrganization, tx -> {
            Events events = new Events(tx);
            Outcome<T> outcome = change.apply(tx.state(), now, events);
            if (outcome.next() != null) {
                tx.save(outcome.next());
            }
            published.clear();
            published.addAll(events.list);
            return outcome.result();
        });
        // Published after the commit, outside every lock: listeners see only what was stored.
        for (TimelineEvent e : published) {
            try {
                listener.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("timeline listener failed on {}", e, ex);
            }
        }
        return result;
    }

    /** Builds a {@link ConsentEngine}. */
    public static final class Builder {
        private @Nullable ConsentStore store;
        private ConsentPolicy policy = ConsentPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private TimelineListener listener = TimelineListener.NONE;

        private Builder() {}

        public Builder store(ConsentStore store) {
            this.store = store;
            return this;
        }

        public Builder policy(ConsentPolicy policy) {
            this.policy = Objects.requireNonNull(policy);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder listener(TimelineListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public ConsentEngine build() {
            return new ConsentEngine(this);
        }
    }
}
