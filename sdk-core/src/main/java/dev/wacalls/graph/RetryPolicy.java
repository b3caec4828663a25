package dev.wacalls.graph;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client retries requests that are safe to repeat: on HTTP 429, 5xx, Meta's 138004 (connection error)
 * and network failures, with exponential backoff and full jitter, waiting at least as long as {@code Retry-After}
 * says. Requests that create something — placing a call ({@code connect}), sending a message, creating a
 * template — are retried only when the connection failed before the request left, because a duplicate call is
 * worse than a failed one.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).initialDelay(Duration.ofMillis(200)).build();
 * }</pre>
 *
 * @param maxAttempts attempts in all, including the first (1 = never retry)
 * @param initialDelay the backoff ceiling of the first retry; doubled each time
 * @param maxDelay the largest backoff ceiling
 * @param maxRetryAfter a {@code Retry-After} longer than this is not waited for: the error is thrown instead
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** Three attempts, 250 ms then 500 ms ceilings, at most 8 s, honouring a Retry-After of up to 30 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofSeconds(30));
    }

    /** One attempt only. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public static Builder builder() {
        return new Builder(defaults());
    }

    /** The backoff ceiling before retry number {@code retry} (1-based): initial × 2^(retry-1), capped. */
    public Duration backoffCeiling(int retry) {
        long initial = initialDelay.toNanos();
        long max = maxDelay.toNanos();
        long ceiling = initial;
        for (int i = 1; i < retry && ceiling < max; i++) {
            ceiling = ceiling > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : ceiling * 2;
        }
        return Duration.ofNanos(Math.min(ceiling, max));
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private int maxAttempts;
        private Duration initialDelay;
        private Duration maxDelay;
        private Duration maxRetryAfter;

        private Builder(RetryPolicy from) {
            this.maxAttempts = from.maxAttempts;
            this.initialDelay = from.initialDelay;
            this.maxDelay = from.maxDelay;
            this.maxRetryAfter = from.maxRetryAfter;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder initialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
            return this;
        }

        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
            return this;
        }

        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(maxAttempts, initialDelay, maxDelay, maxRetryAfter);
        }
    }
}
