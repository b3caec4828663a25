package dev.wacalls.line;

import dev.wacalls.error.CallingUnavailableException;
import dev.wacalls.error.GraphApiException;
import dev.wacalls.graph.CallRequestTemplate;
import dev.wacalls.graph.CallingSettings;
import dev.wacalls.graph.CallingSettingsUpdate;
import dev.wacalls.graph.PhoneNumberInfo;
import dev.wacalls.graph.RequestOptions;
import dev.wacalls.graph.WhatsAppCallingClient;
import dev.wacalls.id.PhoneNumberId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily job that activates lines for calling. For every line of the {@link LineRegistry} it reads the number
 * and its calling settings from Meta; an eligible line is activated: calling is enabled in its settings (unless it
 * is already) and the Call Request template is created on its WhatsApp Business Account (unless one with that name
 * and language exists), then the line is marked subscribed. Ineligible lines are skipped with their reasons and
 * tried again on the next run; an error on one line is recorded as {@link LineResult.Failed} and never stops the
 * others.
 *
 * <p>Every step asks Meta before changing anything, so running twice, or from two instances at once, does no
 * harm. Meta's settings are the final word: a subscribed line whose calling was switched off is enabled again.
 * The job starts no thread of its own; {@link #scheduleDaily} runs it on the application's executor.
 *
 * <pre>{@code
 * LineActivationJob job = new LineActivationJob(client, registry, Clock.systemUTC());
 * ScheduledFuture<?> daily = job.scheduleDaily(executor, LocalTime.of(3, 0), ZoneId.of("Europe/London"));
 * // and when the admin clicks "Subscribe to calls":
 * SubscribeResult r = job.subscribe(line);   // r.message(): "Subscribed to calls" or why not
 * }</pre>
 */
public final class LineActivationJob {
    private static final Logger LOG = LoggerFactory.getLogger(LineActivationJob.class);

    private final WhatsAppCallingClient client;
    private final LineRegistry registry;
    private final Clock clock;
    private final CallRequestTemplate template;
    private final LineEligibility eligibility;

    /** A job creating {@link CallRequestTemplate#defaults(String) CallRequestTemplate.defaults("en")}. */
    public LineActivationJob(WhatsAppCallingClient client, LineRegistry registry, Clock clock) {
        this(client, registry, clock, CallRequestTemplate.defaults("en"));
    }

    /**
     * @param client the client; each line's own credentials are passed per request
     * @param registry the lines and their status
     * @param clock for result times, restriction expiry and the daily schedule
     * @param template the Call Request template every activated line gets
     */
    public LineActivationJob(
            WhatsAppCallingClient client, LineRegistry registry, Clock clock, CallRequestTemplate template) {
        this.client = Objects.requireNonNull(client, "client");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.template = Objects.requireNonNull(template, "template");
        this.eligibility = new LineEligibility(clock);
    }

    /** Checks every line once, in the calling thread, and records each result in the registry. */
    public ActivationRun runOnce() {
        Instant started = clock.instant();
        Map<PhoneNumberId, LineResult> results = new LinkedHashMap<>();
        for (Line line : registry.lines()) {
            if (Thread.currentThread().isInterrupted()) {
                // The host is shutting down: no new requests, and the registry keeps the lines' last real result.
                results.put(line.phoneNumberId(), new LineResult.Failed("run interrupted before this line", null));
                continue;
            }
            results.put(line.phoneNumberId(), check(line));
        }
        ActivationRun run = new ActivationRun(started, clock.instant(), results);
        LOG.info("line activation: {} activated, {} already active, {} skipped, {} failed",
                run.count(LineResult.Activated.class), run.count(LineResult.AlreadyActive.class),
                run.count(LineResult.Skipped.class), run.count(LineResult.Failed.class));
        return run;
    }

    /** The admin's <em>Subscribe to calls</em>: the same checks and steps as the daily run, for one line, now. */
    public SubscribeResult subscribe(Line line) {
        return new SubscribeResult(check(Objects.requireNonNull(line, "line")));
    }

    /**
     * Runs {@link #runOnce()} every day at {@code time} in {@code zone}, on {@code executor}. The next run is
     * computed after each one, so the local time holds across daylight-saving changes (a time inside the spring
     * gap runs that day after the gap). A failing run is logged and the schedule goes on. Cancel the returned
     * future to stop.
     */
    public ScheduledFuture<?> scheduleDaily(ScheduledExecutorService executor, LocalTime time, ZoneId zone) {
        Daily daily = new Daily(Objects.requireNonNull(executor, "executor"),
                Objects.requireNonNull(time, "time"), Objects.requireNonNull(zone, "zone"));
        daily.scheduleAfter(clock.instant());
        return daily;
    }

    private LineResult check(Line line) {
        LineStatus before;
        try {
            before = registry.status(line);
        } catch (RuntimeException e) {
            LOG.warn("line {}: cannot read its status", line.phoneNumberId(), e);
            // Nothing is recorded: writing without knowing the status could unsubscribe a subscribed line.
            return new LineResult.Failed("cannot read the line's status: " + describe(e), null);
        }
        LineResult result;
        try {
            result = activate(line, before.subscribed());
        } catch (GraphApiException e) {
            result = new LineResult.Failed(describe(e), e.code());
        } catch (RuntimeException e) {
            result = new LineResult.Failed(describe(e), null);
        }
        if (result instanceof LineResult.Failed f) {
            LOG.warn("line {} ({}): activation failed: {}", line.phoneNumberId(), line.organisationId(), f.error());
        }
        boolean subscribed = before.subscribed()
                || result instanceof LineResult.Activated
                || result instanceof LineResult.AlreadyActive;
        try {
            registry.record(line, new LineStatus(subscribed, result, clock.instant()));
        } catch (RuntimeException e) {
            LOG.error("line {}: cannot record its result {}", line.phoneNumberId(), result, e);
        }
        return result;
    }

    private LineResult activate(Line line, boolean subscribed) {
        Optional<RequestOptions> credentials = line.requestOptions();
        if (credentials.isEmpty()) {
            return new LineResult.Skipped(List.of(IneligibilityReason.credentialsNotRetrieved()));
        }
        RequestOptions o = credentials.get();
        PhoneNumberInfo number = client.phoneNumbers().get(o);
        CallingSettings settings = client.settings().get(false, o);
        Eligibility e = eligibility.check(line, number, settings);
        if (e instanceof Eligibility.Ineligible ineligible) {
            return new LineResult.Skipped(ineligible.reasons());
        }
        if (subscribed && settings.enabled()) {
            return new LineResult.AlreadyActive();
        }
        boolean enabled = false;
        if (!settings.enabled()) {
            try {
                client.settings().update(CallingSettingsUpdate.enableCalling(), o);
                enabled = true;
            } catch (CallingUnavailableException refused) {
                IneligibilityReason reason = reasonFor(refused, number);
                if (reason == null) {
                    throw refused;
                }
                return new LineResult.Skipped(List.of(reason));
            }
        }
        boolean created = false;
        if (client.templates().find(template.name(), template.language(), o).isEmpty()) {
            client.templates().createCallRequestTemplate(template, o);
            created = true;
        }
        return enabled || created ? new LineResult.Activated(enabled, created) : new LineResult.AlreadyActive();
    }

    /** Meta's refusals that mean "not eligible (yet)" rather than "something broke". */
    private static @Nullable IneligibilityReason reasonFor(CallingUnavailableException e, PhoneNumberInfo number) {
        return switch (e.code()) {
            // The limit we read can lag behind Meta's; its refusal wins.
            case 138015 -> IneligibilityReason.messagingLimitRefusedByMeta();
            case 138013 -> IneligibilityReason.businessCallingRefusedByMeta(number.countryCode());
            case 138014 -> IneligibilityReason.temporarilyDisabledByMeta();
            default -> null;
        };
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The daily schedule: one delayed task at a time, the next one scheduled when a run ends. */
    private final class Daily implements ScheduledFuture<Void> {
        private final ScheduledExecutorService executor;
        private final LocalTime time;
        private final ZoneId zone;
        // Completes only by cancel() or when the executor refuses the next run.
        private final CompletableFuture<Void> lifecycle = new CompletableFuture<>();
        private @Nullable ScheduledFuture<?> next;
        private Instant target = Instant.EPOCH;

        Daily(ScheduledExecutorService executor, LocalTime time, ZoneId zone) {
            this.executor = executor;
            this.time = time;
            this.zone = zone;
        }

        synchronized void scheduleAfter(Instant after) {
            if (lifecycle.isDone()) {
                return;
            }
            target = nextOccurrence(after);
            long delay = Math.max(0, Duration.between(clock.instant(), target).toNanos());
            try {
                next = executor.schedule(this::fire, delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                LOG.info("line activation: executor shut down, daily schedule ends");
                lifecycle.completeExceptionally(e);
            }
        }

        private Instant nextOccurrence(Instant after) {
            ZonedDateTime candidate = ZonedDateTime.of(after.atZone(zone).toLocalDate(), time, zone);
            while (!candidate.toInstant().isAfter(after)) {
                candidate = ZonedDateTime.of(candidate.toLocalDate().plusDays(1), time, zone);
            }
            return candidate.toInstant();
        }

        private void fire() {
            Instant planned;
            synchronized (this) {
                planned = target;
            }
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.error("line activation run failed", e);
            } finally {
                // From the planned time, not the clock's, so a run that starts a little early is not repeated.
                Instant now = clock.instant();
                scheduleAfter(now.isAfter(planned) ? now : planned);
            }
        }

        @Override
        public synchronized boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = lifecycle.cancel(false);
            if (next != null) {
                next.cancel(mayInterruptIfRunning);
            }
            return cancelled;
        }

        @Override
        public boolean isCancelled() {
            return lifecycle.isCancelled();
        }

        @Override
        public boolean isDone() {
            return lifecycle.isDone();
        }

        @Override
        public Void get() throws InterruptedException, ExecutionException {
            return lifecycle.get();
        }

        @Override
        public Void get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return lifecycle.get(timeout, unit);
        }

        @Override
        public synchronized long getDelay(TimeUnit unit) {
            return next == null ? 0 : next.getDelay(unit);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
