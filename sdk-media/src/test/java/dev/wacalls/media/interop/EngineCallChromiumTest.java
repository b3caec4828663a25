package dev.wacalls.media.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wacalls.call.LegKind;
import dev.wacalls.call.MediaBridge;
import dev.wacalls.call.MediaEvent;
import dev.wacalls.call.MediaLeg;
import dev.wacalls.call.MediaLegState;
import dev.wacalls.call.MediaStats;
import dev.wacalls.media.engine.EventLog;
import dev.wacalls.media.engine.WebRtcMediaEngine;
import dev.wacalls.media.ice.IceConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A whole call through {@link WebRtcMediaEngine}, core's media interface, with two real browsers: Chromium A in the
 * WhatsApp user's role (plays 440 Hz, offers like Meta's relay does for a user-initiated call) and Chromium B in the
 * recruiter's role (plays 1000 Hz). It checks what the lifecycle relies on: Meta's start-sending rule (nothing
 * reaches the WhatsApp user before {@code startSending()}), each side hearing the other, events in order, RTCP
 * giving a round-trip time, key presses from both browsers as events, and a browser hanging up ending its leg.
 */
class EngineCallChromiumTest {
    private static final double TONE_USER = 440;
    private static final double TONE_RECRUITER = 1000;
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void chromium156_userOffers_engineAnswers_recruiterAnswersEngineOffer_bridgedCall() throws Exception {
        call(true);
    }

    @Test
    void chromium156_userOffers_engineAnswers_recruiterOffers_bridgedCall() throws Exception {
        call(false);
    }

    private static void call(boolean weOfferToRecruiter) throws Exception {
        EventLog events = new EventLog();
        AtomicLong tappedUser = new AtomicLong();
        AtomicLong tappedRecruiter = new AtomicLong();
        List<ChromiumPeer> peers = ChromiumPeer.startAll(
                ChromiumPeer.Options.defaults().withName("whatsapp-user").withToneHz(TONE_USER),
                ChromiumPeer.Options.defaults().withName("recruiter").withToneHz(TONE_RECRUITER));
        try (ChromiumPeer user = peers.get(0);
                ChromiumPeer recruiter = peers.get(1);
                WebRtcMediaEngine engine = WebRtcMediaEngine.builder()
                        .ice(IceConfig.builder().localAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                        .statsInterval(Duration.ofSeconds(1))
                        .build()) {
            MediaLeg wa = engine.newLeg(LegKind.WHATSAPP, events);
            MediaLeg agent = engine.newLeg(LegKind.AGENT, events);
            assertThat(wa.state()).isEqualTo(MediaLegState.NEW);

            // The user-initiated call: Meta's offer, our answer (pre_accept), ICE and DTLS run; media held.
            String answer = wa.answerOffer(user.createOffer());
            assertThat(answer).contains("a=setup:active");
            user.applyAnswer(answer);
            if (weOfferToRecruiter) {
                agent.applyAnswer(recruiter.answer(agent.createOffer()));
            } else {
                String agentAnswer = agent.answerOffer(recruiter.createOffer());
                recruiter.applyAnswer(agentAnswer);
            }
            MediaBridge bridge = engine.bridge(wa, agent, (direction, packet) ->
                    (direction == dev.wacalls.media.bridge.LegBridge.Direction.A_TO_B ? tappedUser : tappedRecruiter)
                            .incrementAndGet());
            MediaEvent.Connected waConnected = events.await(MediaEvent.Connected.class, wa.id(), WAIT);
            MediaEvent.Connected agentConnected = events.await(MediaEvent.Connected.class, agent.id(), WAIT);
            user.awaitConnected(WAIT);
            recruiter.awaitConnected(WAIT);
            events.await(MediaEvent.MediaFlowing.class, wa.id(), WAIT);
            events.await(MediaEvent.MediaFlowing.class, agent.id(), WAIT);

            // Until accept returned: the user's audio reaches the recruiter, nothing reaches the user.
            Thread.sleep(1500);
            ChromiumPeer.Stats userBefore = user.stats();
            assertThat(userBefore.packetsReceived()).as("RTP to the WhatsApp user before startSending").isZero();
            assertThat(recruiter.stats().packetsReceived()).isGreaterThan(20);
            assertThat(wa.state()).isEqualTo(MediaLegState.FLOWING);

            wa.startSending();
            user.startRecordingRemote();
            recruiter.startRecordingRemote();
            Thread.sleep(2500);
            AudioAnalysis userHeard = AudioAnalysis.ofWav(user.stopRecordingRemoteAsWav());
            AudioAnalysis recruiterHeard = AudioAnalysis.ofWav(recruiter.stopRecordingRemoteAsWav());

            // Key presses, each browser through RTCDTMFSender: events on the leg that received them.
            user.insertDtmf("5#", Duration.ofMillis(120), Duration.ofMillis(70));
            recruiter.insertDtmf("12", Duration.ofMillis(120), Duration.ofMillis(70));
            events.await(MediaEvent.Dtmf.class, e -> e.legId().equals(wa.id()) && e.key() == '#', WAIT);
            events.await(MediaEvent.Dtmf.class, e -> e.legId().equals(agent.id()) && e.key() == '2', WAIT);
            // Chromium sends audio RTCP about every 5 s (randomised ±50 %): wait for a report that answers one of our
            // SRs on the WhatsApp leg, which only started sending a few seconds ago.
            long rttDeadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            while (wa.stats().roundTripMillis() < 0 && System.nanoTime() < rttDeadline) {
                Thread.sleep(100);
            }
            MediaStats waStats = wa.stats();
            MediaStats agentStats = agent.stats();
            ChromiumPeer.Stats userStats = user.stats();
            ChromiumPeer.Stats recruiterStats = recruiter.stats();

            System.out.printf("engine call (%s): wa %s %s, agent %s %s%n  wa stats %s%n  agent stats %s%n"
                            + "  user heard %s (%.1f Hz, %.1f dBFS, %.3f near %s)%n"
                            + "  recruiter heard %s (%.1f Hz, %.1f dBFS, %.3f near %s)%n  taps user %d recruiter %d%n"
                            + "  user chromium: %s%n  recruiter chromium: %s%n  dtmf: %s%n",
                    weOfferToRecruiter ? "we offer to the recruiter" : "the recruiter offers",
                    waConnected.dtlsRole(), waConnected.srtpProfile(), agentConnected.dtlsRole(),
                    agentConnected.srtpProfile(), waStats, agentStats, userHeard, userHeard.dominantFrequencyHz(),
                    userHeard.rmsDbfs(), userHeard.powerShareNear(TONE_RECRUITER, 20), TONE_RECRUITER, recruiterHeard,
                    recruiterHeard.dominantFrequencyHz(), recruiterHeard.rmsDbfs(),
                    recruiterHeard.powerShareNear(TONE_USER, 20), TONE_USER, tappedUser.get(), tappedRecruiter.get(),
                    userStats, recruiterStats, events.of(MediaEvent.Dtmf.class));

            assertThat(waConnected.dtlsRole()).isEqualTo("client");
            assertThat(agentConnected.dtlsRole()).isEqualTo(weOfferToRecruiter ? "server" : "client");
            assertThat(userHeard.dominantFrequencyHz()).as("the user hears the recruiter")
                    .isCloseTo(TONE_RECRUITER, within(5.0));
            assertThat(userHeard.powerShareNear(TONE_RECRUITER, 20)).isGreaterThan(0.9);
            assertThat(recruiterHeard.dominantFrequencyHz()).as("the recruiter hears the user")
                    .isCloseTo(TONE_USER, within(5.0));
            assertThat(recruiterHeard.powerShareNear(TONE_USER, 20)).isGreaterThan(0.9);
            assertThat(tappedUser.get()).isGreaterThan(150);
            assertThat(tappedRecruiter.get()).isGreaterThan(100);

            assertThat(events.of(MediaEvent.Dtmf.class, wa.id())).extracting(MediaEvent.Dtmf::key)
                    .containsExactly('5', '#');
            assertThat(events.of(MediaEvent.Dtmf.class, agent.id())).extracting(MediaEvent.Dtmf::key)
                    .containsExactly('1', '2');
            assertThat(events.of(MediaEvent.Dtmf.class)).allSatisfy(d ->
                    assertThat(d.duration()).isBetween(Duration.ofMillis(60), Duration.ofMillis(400)));

            // RTCP both ways on both legs: Chromium's receiver reports about our stream give the round trip.
            for (MediaStats s : List.of(waStats, agentStats)) {
                assertThat(s.roundTripMillis()).as("RTT from RTCP").isBetween(0.0, 100.0);
                assertThat(s.authFailures()).isZero();
                assertThat(s.packetsReceived()).isGreaterThan(100);
                assertThat(s.packetsSent()).isGreaterThan(100);
                assertThat(s.packetsLost()).isZero();
            }
            assertThat(events.of(MediaEvent.Stats.class, wa.id())).isNotEmpty();

            // The recruiter mutes the way many web apps do (replaceTrack(null)): the leg stays up, and audio comes
            // back when they unmute.
            long beforeMute = agent.stats().packetsReceived();
            recruiter.mute();
            Thread.sleep(1500);
            long duringMute = agent.stats().packetsReceived();
            assertThat(agent.state()).isIn(MediaLegState.CONNECTED, MediaLegState.FLOWING);
            recruiter.unmute();
            long unmuteDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (agent.stats().packetsReceived() < duringMute + 25 && System.nanoTime() < unmuteDeadline) {
                Thread.sleep(50);
            }
            System.out.printf("  mute: received %d before, %d during (1.5 s), %d after unmuting%n", beforeMute,
                    duringMute, agent.stats().packetsReceived());
            assertThat(agent.stats().packetsReceived()).as("audio again after unmuting")
                    .isGreaterThanOrEqualTo(duringMute + 25);
            assertThat(events.of(MediaEvent.Ended.class)).as("muting is not hanging up").isEmpty();

            // The recruiter hangs up: its leg ends, by the peer; closing the bridge's other leg is ours to do.
            recruiter.hangUp();
            MediaEvent.Ended agentEnded = events.await(MediaEvent.Ended.class, agent.id(), Duration.ofSeconds(5));
            assertThat(agentEnded.byPeer()).isTrue();
            assertThat(agent.state()).isEqualTo(MediaLegState.CLOSED);
            wa.close();
            MediaEvent.Ended waEnded = events.await(MediaEvent.Ended.class, wa.id(), Duration.ofSeconds(5));
            assertThat(waEnded.byPeer()).isFalse();
            assertThat(engine.legCount()).isZero();
            assertThat(engine.iceEndpoint().sessionCount()).isZero();
            bridge.close();

            // Order per leg: Connected, MediaFlowing, …, Ended last; never a Failed.
            for (MediaLeg leg : List.of(wa, agent)) {
                List<MediaEvent> mine = events.all().stream().filter(e -> e.legId().equals(leg.id())).toList();
                assertThat(mine.get(0)).isInstanceOf(MediaEvent.Connected.class);
                List<MediaEvent> beforeFlowing = mine.subList(1, mine.indexOf(events.of(MediaEvent.MediaFlowing.class,
                        leg.id()).get(0)));
                assertThat(beforeFlowing).as("only stats may come between Connected and MediaFlowing")
                        .allMatch(e -> e instanceof MediaEvent.Stats);
                assertThat(mine.get(mine.size() - 1)).isInstanceOf(MediaEvent.Ended.class);
                assertThat(mine).noneMatch(e -> e instanceof MediaEvent.Failed);
                assertThat(mine.stream().filter(e -> e instanceof MediaEvent.Ended)).hasSize(1);
            }
        }
    }
}
