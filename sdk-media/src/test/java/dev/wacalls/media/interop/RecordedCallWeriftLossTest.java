package dev.wacalls.media.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.call.LegKind;
import dev.wacalls.call.MediaBridge;
import dev.wacalls.call.MediaEvent;
import dev.wacalls.call.MediaLeg;
import dev.wacalls.media.bridge.LegBridge;
import dev.wacalls.media.engine.EventLog;
import dev.wacalls.media.engine.WebRtcMediaEngine;
import dev.wacalls.media.ice.IceConfig;
import dev.wacalls.media.record.CallRecorder;
import dev.wacalls.media.record.Speaker;
import dev.wacalls.media.record.TrackStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded call through the engine with real packet loss: werift in the WhatsApp user's role sends bursts of a
 * 440 Hz tone (1 s on, 1 s off) and drops 5 % of its outgoing packets on purpose (werift's own loss injection); a
 * second werift plays the recruiter. The recording must stay on the call's clock: each burst sits in the candidate's
 * track where it arrived in the call, not earlier by 20 ms per lost packet, and both tracks end together.
 */
class RecordedCallWeriftLossTest {
    private static final Duration CALL = Duration.ofSeconds(9);

    @TempDir
    Path recordings;

    @Test
    void werift_fivePercentLoss_candidateTrackStaysOnTheCallsClock() throws Exception {
        List<byte[]> pattern = new ArrayList<>(OpusFrames.tone(440, 1.0, 0.5));
        pattern.addAll(OpusFrames.tone(440, 1.0, 0.0)); // a second of encoded silence
        List<byte[]> recruiterVoice = OpusFrames.tone(1000, 1.0, 0.5);
        EventLog events = new EventLog();
        // Arrival times of the first packet of each burst, on the recorder's clock.
        List<Long> onsetArrivals = new CopyOnWriteArrayList<>();
        int[] previousSize = {0};

        try (NodePeer user = NodePeer.start();
                NodePeer recruiter = NodePeer.start();
                WebRtcMediaEngine engine = WebRtcMediaEngine.builder()
                        .ice(IceConfig.builder().localAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                        .build()) {
            MediaLeg wa = engine.newLeg(LegKind.WHATSAPP, events);
            MediaLeg agent = engine.newLeg(LegKind.AGENT, events);
            user.applyAnswer(wa.answerOffer(user.createOffer(pattern, 0, 5)));
            recruiter.applyAnswer(agent.answerOffer(recruiter.createOffer(recruiterVoice, 0, 0)));
            wa.startSending();
            events.await(MediaEvent.Connected.class, wa.id(), Duration.ofSeconds(15));
            events.await(MediaEvent.Connected.class, agent.id(), Duration.ofSeconds(15));

            CallRecorder recorder = engine.recorder("wacid.loss-test", recordings.resolve("call"), wa, agent).start();
            MediaBridge bridge = engine.bridge(wa, agent, (direction, packet) -> {
                if (direction == LegBridge.Direction.A_TO_B) {
                    int size = packet.length();
                    // Encoded silence is a few bytes, the tone ~80: a small-to-large step is a burst's first packet.
                    if (previousSize[0] > 0 && previousSize[0] < 40 && size >= 40) {
                        onsetArrivals.add(System.nanoTime());
                    }
                    previousSize[0] = size;
                }
                recorder.onForwarded(direction, packet);
            });
            Thread.sleep(CALL.toMillis());
            bridge.close();
            recorder.close();
            NodePeer.Stats sent = user.stats();
            TrackStats candidate = recorder.stats(Speaker.CANDIDATE);

            short[] pcm = decode(recorder.file(Speaker.CANDIDATE));
            short[] other = decode(recorder.file(Speaker.RECRUITER));
            List<Double> onsets = onsets(pcm);
            List<Double> expected = onsetArrivals.stream()
                    .map(t -> (t - recorder.callStartNanos()) / 1e9).toList();
            long received = wa.stats().packetsReceived();
            System.out.printf("recorded call with loss: werift sent %d, we received %d (%.1f %% lost), track %s%n"
                            + "  candidate %.3f s, recruiter %.3f s%n  onsets in the file %s%n  onset arrivals %s%n",
                    sent.sent(), received, 100.0 * (sent.sent() - received) / sent.sent(), candidate,
                    pcm.length / 48_000.0, other.length / 48_000.0, onsets, expected);

            assertThat(sent.sent() - received).as("werift really dropped packets").isGreaterThan(sent.sent() / 50);
            assertThat(Math.abs(pcm.length - other.length)).as("both tracks end together").isLessThan(48 * 20);
            assertThat(pcm.length / 48_000.0).as("the track lasts the call")
                    .isBetween(CALL.toMillis() / 1000.0 - 0.3, CALL.toMillis() / 1000.0 + 0.5);
            assertThat(onsets).hasSizeGreaterThanOrEqualTo(3);
            // Each burst in the file where it arrived: without gap filling, 5 % loss moves the later ones ~50 ms/s
            // early, ~0.4 s by the end of this call.
            int matched = 0;
            for (double arrival : expected) {
                double nearest = onsets.stream().min((x, y) -> Double.compare(Math.abs(x - arrival),
                        Math.abs(y - arrival))).orElseThrow();
                assertThat(Math.abs(nearest - arrival)).as("burst arriving at %.3f s sits at %.3f s", arrival, nearest)
                        .isLessThan(0.12);
                matched++;
            }
            assertThat(matched).isGreaterThanOrEqualTo(3);
        }
    }

    /** Decodes an Ogg Opus file to 48 kHz mono s16 with ffmpeg. */
    private static short[] decode(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-i",
                file.toString(), "-ac", "1", "-ar", "48000", "-f", "s16le", "-").redirectErrorStream(false).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor()).as("ffmpeg decodes %s: %s", file, err).isZero();
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        short[] pcm = new short[b.remaining() / 2];
        b.asShortBuffer().get(pcm);
        assertThat(Files.size(file)).isPositive();
        return pcm;
    }

    /** Starts of sound after at least 300 ms of quiet, in seconds, by 10 ms RMS windows. */
    private static List<Double> onsets(short[] pcm) {
        int window = 480;
        List<Double> onsets = new ArrayList<>();
        int quiet = 0;
        for (int i = 0; i + window <= pcm.length; i += window) {
            double sum = 0;
            for (int j = i; j < i + window; j++) {
                sum += (double) pcm[j] * pcm[j];
            }
            double rms = Math.sqrt(sum / window) / 32768.0;
            if (rms > 0.05) {
                if (quiet >= 30) {
                    onsets.add(i / 48_000.0);
                }
                quiet = 0;
            } else {
                quiet++;
            }
        }
        return onsets;
    }
}
