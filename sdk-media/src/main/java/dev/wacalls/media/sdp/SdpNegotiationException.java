package dev.wacalls.media.sdp;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A well-formed description the engine cannot accept or answer: no Opus, no fingerprint, no usable audio m-line…
 * Unchecked, like {@link SdpParseException}; {@link #problems()} lists every reason, not only the first.
 *
 * <pre>{@code
 * try {
 *     writer.answer(offer);
 * } catch (SdpNegotiationException e) {
 *     calls.reject(callId);                 // e.getMessage(): "cannot answer: no Opus codec (opus/48000/2) …"
 * }
 * }</pre>
 */
public final class SdpNegotiationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<SdpProblem> problems;

    /** @param prefix what failed, e.g. {@code "cannot answer: "}; the problems' messages follow, joined by "; " */
    public SdpNegotiationException(String prefix, List<SdpProblem> problems) {
        super(prefix + problems.stream().map(SdpProblem::message).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    /** The problems that prevent the negotiation, errors only. */
    public List<SdpProblem> problems() {
        return problems;
    }
}
