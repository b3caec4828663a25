package dev.wacalls.line;

import dev.wacalls.id.PhoneNumberId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One run of the {@link LineActivationJob}: a result for every line, in the registry's order.
 *
 * <pre>{@code
 * ActivationRun run = job.runOnce();
 * log.info("activated {} lines, {} skipped, {} failed",
 *         run.count(LineResult.Activated.class), run.count(LineResult.Skipped.class), run.count(LineResult.Failed.class));
 * }</pre>
 *
 * @param startedAt when the run started, by the job's clock
 * @param finishedAt when it ended
 * @param results the result of every line
 */
public record ActivationRun(Instant startedAt, Instant finishedAt, Map<PhoneNumberId, LineResult> results) {
    public ActivationRun {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    /** The result of this line; throws if the line was not part of the run. */
    public LineResult result(PhoneNumberId line) {
        LineResult r = results.get(line);
        if (r == null) {
            throw new IllegalArgumentException("line " + line + " was not part of this run");
        }
        return r;
    }

    /** How many lines ended with this kind of result. */
    public long count(Class<? extends LineResult> kind) {
        return results.values().stream().filter(kind::isInstance).count();
    }
}
