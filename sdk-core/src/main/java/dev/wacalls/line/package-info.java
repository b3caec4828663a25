/**
 * Business lines (WhatsApp phone numbers) and their activation for calling.
 *
 * <p>{@link dev.wacalls.line.LineEligibility} tells whether a line may call, and if not, why, in the words the
 * admin UI shows next to <em>Subscribe to calls</em>: credentials not retrieved yet, a messaging limit below
 * 2,000, a region where calling is not available. {@link dev.wacalls.line.LineActivationJob} runs daily over the
 * lines of a {@link dev.wacalls.line.LineRegistry}: it enables calling in Meta's settings and creates the
 * "Call Request" template for each eligible line, skips the others and tries them again on the next run.
 *
 * <pre>{@code
 * LineRegistry registry = new InMemoryLineRegistry(List.of(
 *         Line.awaitingCredentials("org-42", PhoneNumberId.of("106540352242922"), "Acme London")));
 * LineActivationJob job = new LineActivationJob(client, registry, Clock.systemUTC());
 * ScheduledFuture<?> daily = job.scheduleDaily(executor, LocalTime.of(3, 0), ZoneId.of("Europe/London"));
 * }</pre>
 */
@NullMarked
package dev.wacalls.line;

import org.jspecify.annotations.NullMarked;
