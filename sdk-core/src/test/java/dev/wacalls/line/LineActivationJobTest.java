package dev.wacalls.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wacalls.graph.RequestOptions;
import dev.wacalls.graph.RetryPolicy;
import dev.wacalls.graph.WhatsAppCallingClient;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WabaId;
import dev.wacalls.line.IneligibilityReason.Code;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LineActivationJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-05-04T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final String TEMPLATE_BODY = """
            {"name":"wacalls_call_request","language":"en","category":"UTILITY",
             "components":[
               {"type":"BODY",
                "text":"Hello! {{1}} would like to call you on WhatsApp about your application. Tap below to let us call you.",
                "example":{"body_text":[["Acme Recruiting"]]}},
               {"type":"call_permission_request"}]}""";

    private final FakeGraph graph = new FakeGraph();
    private final MockWebServer server = new MockWebServer();
    private final InMemoryLineRegistry registry = new InMemoryLineRegistry();
    private WhatsAppCallingClient client;
    private LineActivationJob job;

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(graph);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        client = WhatsAppCallingClient.builder()
                .baseUrl(server.url("/").toString())
                .clock(CLOCK)
                // Three quick attempts, so a failing line shows the retries without slowing the test.
                .retryPolicy(RetryPolicy.builder().maxAttempts(3)
                        .initialDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(2)).build())
                .build();
        job = new LineActivationJob(client, registry, CLOCK);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Line line(String id, String waba, String display) {
        graph.add(id, waba, display);
        Line line = Line.awaitingCredentials("org-" + id, PhoneNumberId.of(id), "Line " + id)
                .withCredentials(WabaId.of(waba), RequestOptions.builder().accessToken("token-" + id).build());
        registry.put(line);
        return line;
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static String path(String... segments) {
        return "/" + FakeGraph.VERSION + "/" + String.join("/", segments);
    }

    @Test
    void aRunActivatesEligibleLinesSkipsTheOthersAndSurvivesAFailingOne() throws Exception {
        Line failing = line("1000005", "2000005", "+44 20 7946 0005");
        graph.numbers.get("1000005").numberStatus = 500;
        Line fresh = line("1000001", "2000001", "+44 7700 900123");
        Line active = line("1000002", "2000002", "+49 30 901820");
        graph.numbers.get("1000002").callingEnabled = true;
        graph.templates.get("2000002").add("wacalls_call_request/en");
        Line smallLimit = line("1000003", "2000003", "+33 6 12 34 56 78");
        graph.numbers.get("1000003").messagingLimit = "TIER_250";
        Line refused = line("1000004", "2000004", "+34 612 34 56 78");
        graph.numbers.get("1000004").settingsPostError = 138015;

        ActivationRun run = job.runOnce();

        assertThat(run.results()).containsOnlyKeys(
                failing.phoneNumberId(), fresh.phoneNumberId(), active.phoneNumberId(),
                smallLimit.phoneNumberId(), refused.phoneNumberId());
        assertThat(run.result(fresh.phoneNumberId())).isEqualTo(new LineResult.Activated(true, true));
        assertThat(run.result(active.phoneNumberId())).isEqualTo(new LineResult.AlreadyActive());
        assertThat(run.result(smallLimit.phoneNumberId())).isInstanceOfSatisfying(LineResult.Skipped.class,
                s -> assertThat(s.message()).isEqualTo("Messaging limit below 2,000 (current: 250)"));
        assertThat(run.result(refused.phoneNumberId())).isInstanceOfSatisfying(LineResult.Skipped.class, s -> {
            assertThat(s.hasReason(Code.MESSAGING_LIMIT_TOO_LOW)).isTrue();
            assertThat(s.message()).startsWith("Messaging limit below 2,000");
        });
        assertThat(run.result(failing.phoneNumberId())).isInstanceOfSatisfying(LineResult.Failed.class, f -> {
            assertThat(f.metaErrorCode()).hasValue(2);
            assertThat(f.error()).contains("An unexpected error has occurred").contains("HTTP 500");
        });
        assertThat(run.count(LineResult.Skipped.class)).isEqualTo(2);

        // The activated line: calling switched on, then the template created, each with Meta's exact body.
        RecordedRequest enable = graph.requests("POST", path("1000001", "settings")).get(0);
        assertThat(json(enable.getBody().utf8())).isEqualTo(json("{\"calling\":{\"status\":\"ENABLED\"}}"));
        assertThat(enable.getHeaders().get("Authorization")).isEqualTo("Bearer token-1000001");
        RecordedRequest create = graph.requests("POST", path("2000001", "message_templates")).get(0);
        assertThat(json(create.getBody().utf8())).isEqualTo(json(TEMPLATE_BODY));
        // Nothing else was changed: the refused line's settings POST is the only other write.
        assertThat(graph.posts()).extracting(r -> r.getUrl().encodedPath()).containsExactlyInAnyOrder(
                path("1000001", "settings"), path("2000001", "message_templates"), path("1000004", "settings"));
        // The failing number was tried three times, and the lines after it were still checked.
        assertThat(graph.requests("GET", path("1000005"))).hasSize(3);

        assertThat(registry.status(fresh)).isEqualTo(new LineStatus(true, new LineResult.Activated(true, true), NOW));
        assertThat(registry.status(active).subscribed()).isTrue();
        assertThat(registry.status(smallLimit).subscribed()).isFalse();
        assertThat(registry.status(refused).subscribed()).isFalse();
        assertThat(registry.status(failing)).satisfies(s -> {
            assertThat(s.subscribed()).isFalse();
            assertThat(s.result()).containsInstanceOf(LineResult.Failed.class);
        });
    }

    @Test
    void aSecondRunChangesNothingOnActivatedLines() {
        Line london = line("1000001", "2000001", "+44 7700 900123");
        job.runOnce();
        int postsAfterFirstRun = graph.posts().size();

        ActivationRun second = job.runOnce();

        assertThat(postsAfterFirstRun).isEqualTo(2);
        assertThat(second.result(london.phoneNumberId())).isEqualTo(new LineResult.AlreadyActive());
        assertThat(graph.posts()).hasSize(2);
        assertThat(registry.status(london).subscribed()).isTrue();
    }

    @Test
    void anExistingTemplateIsNotCreatedAgain() {
        Line london = line("1000001", "2000001", "+44 7700 900123");
        graph.templates.get("2000001").add("wacalls_call_request/en");

        ActivationRun run = job.runOnce();

        assertThat(run.result(london.phoneNumberId())).isEqualTo(new LineResult.Activated(true, false));
        assertThat(graph.requests("POST", path("2000001", "message_templates"))).isEmpty();
        assertThat(graph.requests("GET", path("2000001", "message_templates")))
                .singleElement()
                .satisfies(r -> assertThat(r.getUrl().queryParameter("name")).isEqualTo("wacalls_call_request"));
    }

    @Test
    void aTemplateInAnotherLanguageDoesNotCount() {
        Line london = line("1000001", "2000001", "+44 7700 900123");
        graph.templates.get("2000001").add("wacalls_call_request/pt_BR");

        assertThat(job.runOnce().result(london.phoneNumberId())).isEqualTo(new LineResult.Activated(true, true));
    }

    @Test
    void aLineWithoutCredentialsIsSkippedWithoutAskingMeta() {
        Line waiting = Line.awaitingCredentials("org-9", PhoneNumberId.of("1000009"), "New line");
        registry.put(waiting);

        ActivationRun run = job.runOnce();

        assertThat(run.result(waiting.phoneNumberId())).isEqualTo(
                new LineResult.Skipped(List.of(IneligibilityReason.credentialsNotRetrieved())));
        assertThat(run.result(waiting.phoneNumberId()).message()).isEqualTo("Credentials not retrieved yet");
        assertThat(graph.requests).isEmpty();
        assertThat(registry.status(waiting).result()).contains(run.result(waiting.phoneNumberId()));
    }

    @Test
    void aRestrictionInTheSettingsSkipsTheLineUntilItExpires() {
        Line paused = line("1000001", "2000001", "+44 7700 900123");
        Instant until = NOW.plus(Duration.ofDays(5));
        graph.numbers.get("1000001").restrictions = """
                {"restrictions_list":[{"type":"RESTRICTED_BUSINESS_INITIATED_CALLING",
                  "reason":"Business initiated calling has been temporarily disabled for this phone number due to high negative feedback from users.",
                  "expiration":%d}]}""".formatted(until.getEpochSecond());

        LineResult result = job.runOnce().result(paused.phoneNumberId());

        assertThat(result).isInstanceOfSatisfying(LineResult.Skipped.class, s -> {
            assertThat(s.reasons()).singleElement().satisfies(r -> {
                assertThat(r.code()).isEqualTo(Code.CALLING_RESTRICTED_BY_META);
                assertThat(r.untilTime()).contains(until);
            });
            assertThat(s.message()).isEqualTo("Business-initiated calling restricted by Meta until 2026-05-09 09:00 UTC");
        });
        assertThat(graph.posts()).isEmpty();
    }

    @Test
    void aSkippedLineIsActivatedOnTheNextRunOnceItBecomesEligible() {
        Line growing = line("1000001", "2000001", "+44 7700 900123");
        graph.numbers.get("1000001").messagingLimit = "TIER_1K";
        assertThat(job.runOnce().result(growing.phoneNumberId())).isInstanceOf(LineResult.Skipped.class);
        assertThat(graph.posts()).isEmpty();

        graph.numbers.get("1000001").messagingLimit = "TIER_2K";
        ActivationRun next = job.runOnce();

        assertThat(next.result(growing.phoneNumberId())).isEqualTo(new LineResult.Activated(true, true));
        assertThat(registry.status(growing).subscribed()).isTrue();
    }

    @Test
    void aLineWhoseCredentialsArriveIsActivatedOnTheNextRun() {
        Line waiting = Line.awaitingCredentials("org-1", PhoneNumberId.of("1000001"), "London");
        graph.add("1000001", "2000001", "+44 7700 900123");
        registry.put(waiting);
        assertThat(job.runOnce().result(waiting.phoneNumberId())).isInstanceOf(LineResult.Skipped.class);

        registry.put(waiting.withCredentials(WabaId.of("2000001"), RequestOptions.builder().accessToken("t").build()));

        assertThat(job.runOnce().result(waiting.phoneNumberId())).isEqualTo(new LineResult.Activated(true, true));
    }

    @Test
    void aSubscribedLineWhoseCallingWasSwitchedOffIsEnabledAgain() {
        Line london = line("1000001", "2000001", "+44 7700 900123");
        job.runOnce();
        graph.numbers.get("1000001").callingEnabled = false;

        LineResult again = job.runOnce().result(london.phoneNumberId());

        assertThat(again).isEqualTo(new LineResult.Activated(true, false));
        assertThat(graph.requests("POST", path("1000001", "settings"))).hasSize(2);
    }

    @Test
    void subscribeAnswersWithTheTextTheAdminSees() {
        Line london = line("1000001", "2000001", "+44 7700 900123");
        Line tehran = line("1000002", "2000002", "+98 912 345 6789");
        Line newYork = line("1000003", "2000003", "+1 212 736 5000");
        Line waiting = Line.awaitingCredentials("org-4", PhoneNumberId.of("1000004"), "Not connected");

        SubscribeResult ok = job.subscribe(london);
        SubscribeResult iran = job.subscribe(tehran);
        SubscribeResult us = job.subscribe(newYork);
        SubscribeResult noCredentials = job.subscribe(waiting);

        assertThat(ok.subscribed()).isTrue();
        assertThat(ok.message()).isEqualTo("Subscribed to calls");
        assertThat(iran.subscribed()).isFalse();
        assertThat(iran.message()).isEqualTo("Region restriction: calling is not available in Iran");
        assertThat(us.message()).isEqualTo(
                "Region restriction: business-initiated calling is not available for numbers of the United States");
        assertThat(noCredentials.message()).isEqualTo("Credentials not retrieved yet");
        assertThat(registry.status(london).subscribed()).isTrue();
        assertThat(registry.status(waiting).result()).contains(noCredentials.result());
    }

    @Test
    void aFailedTemplateCreationIsNotRepeatedAndIsFinishedOnTheNextRun() {
        Line london = line("1000001", "2000001", "+44 7700 900123");
        graph.templateCreationFails = true;

        LineResult first = job.runOnce().result(london.phoneNumberId());
        graph.templateCreationFails = false;
        LineResult second = job.runOnce().result(london.phoneNumberId());

        assertThat(first).isInstanceOfSatisfying(LineResult.Failed.class,
                f -> assertThat(f.metaErrorCode()).hasValue(2));
        assertThat(registry.status(london).subscribed()).isTrue();
        // Creating is never retried blindly (a duplicate would be refused); the next run finds calling enabled.
        assertThat(graph.requests("POST", path("2000001", "message_templates"))).hasSize(2);
        assertThat(second).isEqualTo(new LineResult.Activated(false, true));
        assertThat(graph.requests("POST", path("1000001", "settings"))).hasSize(1);
    }

    @Test
    void theDailyScheduleRunsOnTheHostsExecutorAtTheLocalTime() throws Exception {
        // 02:59:59.900 in London (BST): the first run is due in 100 ms, the next a day later.
        Clock justBefore = Clock.fixed(Instant.parse("2026-05-04T01:59:59.900Z"), ZoneOffset.UTC);
        Line waiting = Line.awaitingCredentials("org-1", PhoneNumberId.of("1000001"), "London");
        registry.put(waiting);
        LineActivationJob daily = new LineActivationJob(client, registry, justBefore);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<?> schedule = daily.scheduleDaily(executor, LocalTime.of(3, 0), ZoneId.of("Europe/London"));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (registry.status(waiting).result().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(registry.status(waiting).result()).isPresent();
            // The run records its results before it books the next one: wait for the booking, not a fixed moment.
            while (schedule.getDelay(TimeUnit.MILLISECONDS) < 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat((double) schedule.getDelay(TimeUnit.MILLISECONDS))
                    .isCloseTo(Duration.ofDays(1).plusMillis(100).toMillis(), within(2_000.0));

            schedule.cancel(false);
            assertThat(schedule.isCancelled()).isTrue();
            assertThat(schedule.isDone()).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void theDailyScheduleKeepsTheLocalTimeAcrossADaylightSavingChange() {
        // Saturday noon before Europe's spring change: 03:00 London on Sunday is 02:00 UTC (BST), 14 hours away.
        Clock saturday = Clock.fixed(Instant.parse("2026-03-28T12:00:00Z"), ZoneOffset.UTC);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<?> schedule = new LineActivationJob(client, registry, saturday)
                    .scheduleDaily(executor, LocalTime.of(3, 0), ZoneId.of("Europe/London"));

            assertThat((double) schedule.getDelay(TimeUnit.MINUTES)).isCloseTo(14 * 60, within(1.0));
            schedule.cancel(false);
        } finally {
            executor.shutdownNow();
        }
    }
}
