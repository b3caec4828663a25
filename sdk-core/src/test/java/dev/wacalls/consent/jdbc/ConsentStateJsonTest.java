package dev.wacalls.consent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wacalls.consent.CallSlot;
import dev.wacalls.consent.ConsentPhase;
import dev.wacalls.consent.ConsentState;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The JSON kept in the {@code state} column. */
class ConsentStateJsonTest {

    @Property(tries = 500)
    void everyStateReadsBackAsItWasWritten(@ForAll("states") ConsentState state) {
        assertThat(ConsentStateJson.read(ConsentStateJson.write(state))).isEqualTo(state);
    }

    @Example
    void anEmptyObjectReadsAsTheInitialState() {
        assertThat(ConsentStateJson.read("{}")).isEqualTo(ConsentState.initial());
    }

    @Example
    void fieldsAddedByALaterVersionAreIgnoredAndMissingOnesTakeTheirInitialValue() {
        ConsentState read = ConsentStateJson.read("""
                {"phase":"WAITING","invitedAt":"2026-03-02T10:15:30Z","invitations":["2026-03-02T10:15:30Z"],
                 "calls":[{"callId":"wacid.X","at":"2026-03-02T09:00:00.5Z","ringSeconds":12}],
                 "somethingNew":{"a":[1,2]},"version":4}""");

        assertThat(read).isEqualTo(ConsentState.initial().toBuilder()
                .phase(ConsentPhase.WAITING)
                .invitedAt(Instant.parse("2026-03-02T10:15:30Z"))
                .invitations(List.of(Instant.parse("2026-03-02T10:15:30Z")))
                .calls(List.of(new CallSlot("wacid.X", Instant.parse("2026-03-02T09:00:00.500Z"), false)))
                .version(4)
                .build());
    }

    @Example
    void instantsAreWrittenAsIso8601AndAbsentOnesAreLeftOut() {
        String json = ConsentStateJson.write(ConsentState.initial().toBuilder()
                .grantedAt(Instant.parse("2026-03-02T10:15:30.000000001Z")).build());

        assertThat(json).contains("\"grantedAt\":\"2026-03-02T10:15:30.000000001Z\"")
                .doesNotContain("expiresAt").doesNotContain("null");
    }

    @Example
    void anUnknownPhaseOrAMalformedFieldIsRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> ConsentStateJson.read("{\"phase\":\"LATER\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LATER");
        assertThatThrownBy(() -> ConsentStateJson.read("{\"grantedAt\":\"yesterday\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state.grantedAt");
        assertThatThrownBy(() -> ConsentStateJson.read("{\"calls\":[{\"at\":\"2026-03-02T10:15:30Z\"}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state.calls[0].callId");
        assertThatThrownBy(() -> ConsentStateJson.read("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsentStateJson.read("{")).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<ConsentState> states() {
        Arbitrary<Instant> instants = Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        Arbitrary<Instant> maybe = instants.injectNull(0.3);
        Arbitrary<CallSlot> calls = Combinators.combine(
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(40), instants, Arbitraries.of(true, false))
                .as(CallSlot::new);
        return Builders.withBuilder(() -> ConsentState.initial().toBuilder())
                .use(Arbitraries.of(ConsentPhase.class)).in(ConsentState.Builder::phase)
                .use(maybe).in(ConsentState.Builder::invitedAt)
                .use(maybe).in(ConsentState.Builder::declinedInvitationAt)
                .use(maybe).in(ConsentState.Builder::grantedAt)
                .use(maybe).in(ConsentState.Builder::expiresAt)
                .use(Arbitraries.of(true, false)).in(ConsentState.Builder::permanent)
                .use(Arbitraries.of(true, false)).in(ConsentState.Builder::expiryReported)
                .use(maybe).in(ConsentState.Builder::resetAt)
                .use(instants.list().ofMaxSize(8)).in(ConsentState.Builder::invitations)
                .use(Arbitraries.integers()).in(ConsentState.Builder::consecutiveUnanswered)
                .use(calls.list().ofMaxSize(8)).in(ConsentState.Builder::calls)
                .use(maybe).in(ConsentState.Builder::inviteBlockedUntil)
                .use(maybe).in(ConsentState.Builder::callBlockedUntil)
                .use(Arbitraries.strings().ofMinLength(1).ofMaxLength(40).list().ofMaxSize(5))
                .in(ConsentState.Builder::endedCalls)
                .use(Arbitraries.strings().ofMinLength(1).ofMaxLength(40).injectNull(0.5))
                .in(ConsentState.Builder::invitationMessageId)
                .use(Arbitraries.longs()).in(ConsentState.Builder::version)
                .build(ConsentState.Builder::build);
    }
}
