package dev.wacalls.media.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.call.LegKind;
import dev.wacalls.call.MediaBridge;
import dev.wacalls.call.MediaEvent;
import dev.wacalls.call.MediaLeg;
import dev.wacalls.media.dtls.DtlsCertificate;
import dev.wacalls.media.engine.EventLog;
import dev.wacalls.media.engine.WebRtcMediaEngine;
import dev.wacalls.media.ice.IceConfig;
import dev.wacalls.media.ice.IceEndpoint;
import dev.wacalls.media.leg.LegObserver;
import dev.wacalls.media.leg.WebRtcLeg;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Key presses the recruiter makes in the browser (RTCDTMFSender, RFC 4733) reach the WhatsApp side as
 * telephone-events — the way an ATS presses through a candidate's voicemail menu. Chromium B plays the recruiter;
 * the WhatsApp user is our own {@link WebRtcLeg}, offering telephone-event on 126 as Meta does, so that the test can
 * see exactly which events arrive. The engine's agent leg also reports the presses as {@link MediaEvent.Dtmf}.
 */
class DtmfThroughBridgeChromiumTest {

    @Test
    void chromium156_recruiterKeyPresses_reachTheWhatsAppSideAsTelephoneEvents() throws Exception {
        EventLog events = new EventLog();
        List<Character> heardByUser = new CopyOnWriteArrayList<>();
        List<Integer> durations = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ChromiumPeer recruiter = ChromiumPeer.start(ChromiumPeer.Options.defaults().withName("recruiter"));
                WebRtcMediaEngine engine = WebRtcMediaEngine.builder()
                        .ice(IceConfig.builder().localAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                        .build();
                IceEndpoint metaSide = IceEndpoint.open(
                        IceConfig.builder().localAddresses(List.of(InetAddress.getLoopbackAddress())).build());
                WebRtcLeg user = WebRtcLeg.builder(metaSide, DtlsCertificate.generate(), pool)
                        .observer(new LegObserver() {
                            @Override
                            public void onDtmf(char key, int durationMillis, boolean endSeen) {
                                heardByUser.add(key);
                                durations.add(durationMillis);
                            }
                        })
                        .build()) {
            MediaLeg wa = engine.newLeg(LegKind.WHATSAPP, events);
            MediaLeg agent = engine.newLeg(LegKind.AGENT, events);
            String offer = user.createOffer();
            assertThat(offer).contains("a=rtpmap:126 telephone-event/8000");
            user.applyAnswer(wa.answerOffer(offer));
            recruiter.applyAnswer(agent.answerOffer(recruiter.createOffer()));
            user.connected().get(15, TimeUnit.SECONDS);
            recruiter.awaitConnected(Duration.ofSeconds(15));
            // Our legs may finish DTLS a moment after their peers: wait, or the first key's packets are dropped.
            events.await(MediaEvent.Connected.class, wa.id(), Duration.ofSeconds(15));
            events.await(MediaEvent.Connected.class, agent.id(), Duration.ofSeconds(15));
            MediaBridge bridge = engine.bridge(wa, agent);
            wa.startSending();

            recruiter.insertDtmf("47#", Duration.ofMillis(150), Duration.ofMillis(80));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> heardByUser.size() >= 3);
            System.out.printf("DTMF through the bridge: the WhatsApp side got %s (%s ms); agent events %s%n",
                    heardByUser, durations, events.of(MediaEvent.Dtmf.class));

            assertThat(heardByUser).containsExactly('4', '7', '#');
            assertThat(durations).allSatisfy(d -> assertThat(d).isBetween(100, 300));
            assertThat(events.of(MediaEvent.Dtmf.class, agent.id())).extracting(MediaEvent.Dtmf::key)
                    .containsExactly('4', '7', '#');
            assertThat(user.telephoneEventPayloadType()).isEqualTo(126);
            bridge.close();
        } finally {
            pool.shutdownNow();
        }
    }
}
