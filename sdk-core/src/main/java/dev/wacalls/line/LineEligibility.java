package dev.wacalls.line;

import dev.wacalls.graph.CallingRestriction;
import dev.wacalls.graph.CallingSettings;
import dev.wacalls.graph.PhoneNumberInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tells whether a line may call, by Meta's prerequisites: credentials synced, a messaging limit of at least
 * 2,000 unique recipients per 24 h, a country where calling is available, and no restriction of Meta's in force.
 * Every reason that applies is listed, so the admin sees all there is to fix at once.
 *
 * <pre>{@code
 * LineEligibility eligibility = new LineEligibility(Clock.systemUTC());
 * Eligibility e = eligibility.check(line, client.phoneNumbers().get(line.requestOptions().orElseThrow()));
 * // e.g. Ineligible[reasons=[… "Region restriction: calling is not available in Iran"]]
 * }</pre>
 *
 * <p>The region rules (libphonenumber for countries, an area-code rule for Crimea, Donetsk and Luhansk) reflect
 * Meta's availability pages and the public numbering plans as of 2026.
 */
public final class LineEligibility {
    /** Meta's minimum messaging limit for calling, in unique recipients per 24 h (error 138015 below it). */
    public static final long MIN_MESSAGING_LIMIT = 2_000;

    private final Clock clock;

    /** @param clock decides whether a restriction of Meta's has expired */
    public LineEligibility(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Credentials, messaging limit and region. */
    public Eligibility check(Line line, PhoneNumberInfo number) {
        return Eligibility.of(reasons(line, number));
    }

    /** Credentials, messaging limit, region, and the restrictions in the number's calling settings. */
    public Eligibility check(Line line, PhoneNumberInfo number, CallingSettings settings) {
        List<IneligibilityReason> reasons = reasons(line, number);
        Instant now = clock.instant();
        for (CallingRestriction r : settings.restrictions()) {
            // A pause of user-initiated calling does not stop an ATS from calling candidates; an expired one is
            // lifted even if Meta still lists it.
            boolean inForce = r.expiresAt() == null || r.expiresAt().isAfter(now);
            if (r.type().equals(CallingRestriction.BUSINESS_INITIATED) && inForce) {
                reasons.add(IneligibilityReason.restrictedByMeta(r.expiresAt()));
            }
        }
        return Eligibility.of(reasons);
    }

    /**
     * The region restriction of a business number such as {@code +98 912 345 6789}, if any. Needs no credentials,
     * so the UI can warn before the line is connected.
     */
    public List<IneligibilityReason> checkRegion(String phoneNumber) {
        return CallingRegions.restriction(Objects.requireNonNull(phoneNumber, "phoneNumber")).stream().toList();
    }

    private List<IneligibilityReason> reasons(Line line, PhoneNumberInfo number) {
        List<IneligibilityReason> reasons = new ArrayList<>();
        if (!line.credentialsRetrieved()) {
            reasons.add(IneligibilityReason.credentialsNotRetrieved());
        }
        // TIER_NOT_SET (nothing sent yet) and UNKNOWN fail atLeast: Meta would refuse with 138015 too.
        if (!number.messagingLimit().atLeast(MIN_MESSAGING_LIMIT)) {
            reasons.add(IneligibilityReason.messagingLimitTooLow(number.messagingLimit()));
        }
        CallingRegions.restriction(number.displayPhoneNumber()).ifPresent(reasons::add);
        return reasons;
    }
}
