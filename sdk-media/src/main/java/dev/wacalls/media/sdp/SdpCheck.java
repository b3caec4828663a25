package dev.wacalls.media.sdp;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link WhatsAppSdpRules#check}: every problem found and, when there is exactly one, the audio m-line
 * the engine will use.
 *
 * <pre>{@code
 * SdpCheck check = WhatsAppSdpRules.check(offer);
 * if (!check.ok()) { reject(check.errors()); }
 * MediaDescription audio = check.orThrow();
 * }</pre>
 *
 * @param audio the single usable audio m-line, or null when there is none or more than one
 */
public record SdpCheck(List<SdpProblem> problems, @Nullable MediaDescription audio) {
    public SdpCheck {
        problems = List.copyOf(problems);
    }

    /** Whether no problem is an {@link SdpProblem.Severity#ERROR}. */
    public boolean ok() {
        return errors().isEmpty();
    }

    /** The problems that prevent the call. */
    public List<SdpProblem> errors() {
        return problems.stream().filter(p -> p.severity() == SdpProblem.Severity.ERROR).toList();
    }

    /** The problems that do not prevent the call. */
    public List<SdpProblem> warnings() {
        return problems.stream().filter(p -> p.severity() == SdpProblem.Severity.WARNING).toList();
    }

    /**
     * The audio m-line to use.
     *
     * @throws SdpNegotiationException listing every error, when there is one
     */
    public MediaDescription orThrow() {
        List<SdpProblem> errors = errors();
        if (!errors.isEmpty() || audio == null) {
            throw new SdpNegotiationException("unusable WhatsApp SDP: ", errors);
        }
        return audio;
    }
}
