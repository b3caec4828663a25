package dev.wacalls.line;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What activation did with one line: {@link Activated}, {@link AlreadyActive}, {@link Skipped} (ineligible, tried
 * again on the next run) or {@link Failed} (an error, tried again on the next run).
 *
 * <pre>{@code
 * LineResult r = run.results().get(line.phoneNumberId());
 * if (r instanceof LineResult.Skipped s) {
 *     tooltip.setText(s.message());   // "Messaging limit below 2,000 (current: 250)"
 * }
 * }</pre>
 */
public sealed interface LineResult
        permits LineResult.Activated, LineResult.AlreadyActive, LineResult.Skipped, LineResult.Failed {

    /** The text for the admin UI. */
    String message();

    /**
     * This run switched the line on.
     *
     * @param enabledCalling calling was switched on in Meta's settings
     * @param createdTemplate the Call Request template was submitted
     */
    record Activated(boolean enabledCalling, boolean createdTemplate) implements LineResult {
        @Override
        public String message() {
            return "Subscribed to calls";
        }
    }

    /** Calling was enabled and the template present already: nothing was sent. */
    record AlreadyActive() implements LineResult {
        @Override
        public String message() {
            return "Subscribed to calls";
        }
    }

    /**
     * The line is not eligible now; nothing was changed.
     *
     * @param reasons at least one
     */
    record Skipped(List<IneligibilityReason> reasons) implements LineResult {
        public Skipped {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a skipped line needs at least one reason");
            }
        }

        /** The reasons' texts joined with "; ". */
        @Override
        public String message() {
            return reasons.stream().map(IneligibilityReason::text).collect(Collectors.joining("; "));
        }

        public boolean hasReason(IneligibilityReason.Code code) {
            return reasons.stream().anyMatch(r -> r.code() == code);
        }
    }

    /**
     * Something went wrong (Meta answered with an error, the network failed); the next run tries again.
     *
     * @param error what happened, for the log and the admin
     * @param metaCode Meta's error code, when Meta answered with one
     */
    record Failed(String error, @Nullable Integer metaCode) implements LineResult {
        public Failed {
            Objects.requireNonNull(error, "error");
        }

        public OptionalInt metaErrorCode() {
            return metaCode == null ? OptionalInt.empty() : OptionalInt.of(metaCode);
        }

        @Override
        public String message() {
            return "Activation failed: " + error;
        }
    }
}
