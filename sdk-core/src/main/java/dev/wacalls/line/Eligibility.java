package dev.wacalls.line;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether a line may call: {@link Eligible}, or {@link Ineligible} with every reason why not.
 *
 * <pre>{@code
 * Eligibility e = eligibility.check(line, info);
 * if (e instanceof Eligibility.Ineligible i) {
 *     ui.disableSubscribeButton(i.summary());   // "Messaging limit below 2,000 (current: 250)"
 * }
 * }</pre>
 */
public sealed interface Eligibility permits Eligibility.Eligible, Eligibility.Ineligible {

    /** {@link Eligible} when there are no reasons, {@link Ineligible} otherwise. */
    static Eligibility of(List<IneligibilityReason> reasons) {
        return reasons.isEmpty() ? Eligible.INSTANCE : new Ineligible(reasons);
    }

    boolean isEligible();

    /** Every reason the line cannot call; empty when it can. */
    List<IneligibilityReason> reasons();

    /** The line may call. */
    record Eligible() implements Eligibility {
        static final Eligible INSTANCE = new Eligible();

        @Override
        public boolean isEligible() {
            return true;
        }

        @Override
        public List<IneligibilityReason> reasons() {
            return List.of();
        }
    }

    /**
     * The line cannot call.
     *
     * @param reasons at least one, in the order the admin should deal with them
     */
    record Ineligible(List<IneligibilityReason> reasons) implements Eligibility {
        public Ineligible {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("an ineligible line needs at least one reason");
            }
        }

        @Override
        public boolean isEligible() {
            return false;
        }

        /** The reasons' texts joined with "; ", as the tooltip shows them. */
        public String summary() {
            return reasons.stream().map(IneligibilityReason::text).collect(Collectors.joining("; "));
        }
    }
}
