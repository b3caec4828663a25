package dev.wacalls.media.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.wacalls.call.LegKind;
import dev.wacalls.call.MediaBridge;
import dev.wacalls.call.MediaEvent;
import dev.wacalls.call.MediaLeg;
import dev.wacalls.media.engine.EventLog;
import dev.wacalls.media.engine.WebRtcMediaEngine;
import dev.wacalls.media.ice.IceConfig;
import dev.wacalls.media.record.CallRecorder;
import dev.wacalls.media.record.FinalizedFile;
import dev.wacalls.media.record.FinalizedRecording;
import dev.wacalls.media.record.Ffmpeg;
import dev.wacalls.media.record.RecordingAnnouncement;
import dev.wacalls.media.record.RecordingFinalizer;
import dev.wacalls.media.record.Speaker;
import dev.wacalls.media.record.TrackStats;
import dev.wacalls.id.CallId;
import dev.wacalls.recording.FileSystemRecordingStorage;
import dev.wacalls.recording.Recording;
import dev.wacalls.recording.RecordingRole;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every call recorded, end to end with two real browsers: Chromium A is the WhatsApp user (440 Hz), Chromium B the
 * recruiter (1000 Hz); the engine bridges them with the recorder on the bridge's taps; after hang-up FFmpeg (jave's
 * bundled binary, the default) makes the stereo recording. The recruiter must be on the left channel only, the
 * candidate on the right only, the file as long as the call, and each 16 kHz speech file must hold its own speaker.
 */
class RecordedCallChromiumTest {
    private static final double CANDIDATE_TONE = 440;
    private static final double RECRUITER_TONE = 1000;

    @TempDir
    Path recordings;

    @Test
    void chromium156_bridgedCall_recordedInStereo_recruiterLeftCandidateRight() throws Exception {
        try (Call call = Call.connect()) {
            ChromiumPeer user = call.user();
            ChromiumPeer recruiter = call.recruiter();
            WebRtcMediaEngine engine = call.engine();
            MediaLeg wa = call.wa();
            MediaLeg agent = call.agent();

            // Where the ATS keeps recordings: a call id from a webhook becomes a safe folder of its own.
            FileSystemRecordingStorage storage = new FileSystemRecordingStorage(recordings.resolve("store"));
            CallId callId = CallId.of("wacid.HBgLMTY1MDM4Nzk0MzkVAgARGCAyNkM2RUE0/+recorded==");
            Path folder = storage.reserve(callId).directory();
            CallRecorder recorder = engine.recorder(callId.value(), folder, wa, agent).start();
            MediaBridge bridge = engine.bridge(wa, agent, recorder);
            wa.startSending(); // "accept" returned
            Thread.sleep(4000);
            bridge.close();
            recorder.close();
            double callSeconds = (System.nanoTime() - recorder.callStartNanos()) / 1e9;
            assertThat(recorder.failures()).isEmpty();
            TrackStats candidateTrack = recorder.stats(Speaker.CANDIDATE);
            TrackStats recruiterTrack = recorder.stats(Speaker.RECRUITER);
            System.out.printf("tracks: candidate %s%n  recruiter %s%n", candidateTrack, recruiterTrack);
            // On loopback the media arrives on time: a re-anchored track means the I/O thread stalled (it did, for
            // ~0.7 s, while jitsi-srtp benchmarked its AES providers on the first packet).
            assertThat(candidateTrack.reanchors() + recruiterTrack.reanchors()).isLessThanOrEqualTo(1);

            FinalizedRecording finished = RecordingFinalizer.builder().build().finish(folder);
            FinalizedFile stereo = finished.stereo();
            Recording saved = storage.save(finished.toRecording(callId, java.time.Instant.now()));
            assertThat(storage.find(callId)).contains(saved);
            try (java.io.InputStream in = storage.open(callId, saved.stereo().name())) {
                assertThat(in.readAllBytes()).hasSize((int) stereo.sizeBytes());
            }
            Path left = folder.resolve("left.wav");
            Path right = folder.resolve("right.wav");
            run("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-i", stereo.path().toString(),
                    "-filter_complex", "[0:a]channelsplit=channel_layout=stereo[l][r]",
                    "-map", "[l]", "-ac", "1", "-c:a", "pcm_s16le", left.toString(),
                    "-map", "[r]", "-ac", "1", "-c:a", "pcm_s16le", right.toString());
            AudioAnalysis leftHeard = AudioAnalysis.ofWav(Files.readAllBytes(left));
            AudioAnalysis rightHeard = AudioAnalysis.ofWav(Files.readAllBytes(right));
            AudioAnalysis recruiterSpeech = AudioAnalysis.ofWav(Files.readAllBytes(
                    finished.file(RecordingRole.RECRUITER_SPEECH_16K).orElseThrow().path()));
            AudioAnalysis candidateSpeech = AudioAnalysis.ofWav(Files.readAllBytes(
                    finished.file(RecordingRole.CANDIDATE_SPEECH_16K).orElseThrow().path()));

            System.out.printf("recorded call: %.3f s; stereo %s %d bytes %s, finalised in %d ms%n"
                            + "  left %s (%.1f Hz, share %.3f)%n  right %s (%.1f Hz, share %.3f)%n"
                            + "  speech: recruiter %.1f Hz, candidate %.1f Hz%n",
                    callSeconds, stereo.duration(), stereo.sizeBytes(), stereo.sha256(),
                    finished.elapsed().toMillis(), leftHeard, leftHeard.dominantFrequencyHz(),
                    leftHeard.powerShareNear(RECRUITER_TONE, 20), rightHeard, rightHeard.dominantFrequencyHz(),
                    rightHeard.powerShareNear(CANDIDATE_TONE, 20), recruiterSpeech.dominantFrequencyHz(),
                    candidateSpeech.dominantFrequencyHz());

            assertThat(stereo.duration().toMillis() / 1000.0).as("the recording lasts the call")
                    .isCloseTo(callSeconds, within(0.1));
            assertThat(leftHeard.dominantFrequencyHz()).as("left: the recruiter").isCloseTo(RECRUITER_TONE,
                    within(5.0));
            assertThat(leftHeard.powerShareNear(RECRUITER_TONE, 20)).isGreaterThan(0.9);
            assertThat(rightHeard.dominantFrequencyHz()).as("right: the candidate").isCloseTo(CANDIDATE_TONE,
                    within(5.0));
            assertThat(rightHeard.powerShareNear(CANDIDATE_TONE, 20)).isGreaterThan(0.9);
            assertThat(leftHeard.rmsDbfs()).isGreaterThan(-25);
            assertThat(rightHeard.rmsDbfs()).isGreaterThan(-25);
            assertThat(recruiterSpeech.dominantFrequencyHz()).isCloseTo(RECRUITER_TONE, within(5.0));
            assertThat(candidateSpeech.dominantFrequencyHz()).isCloseTo(CANDIDATE_TONE, within(5.0));
            assertThat(stereo.sha256()).matches("[0-9a-f]{64}");
        }
    }

    @Test
    void chromium156_recordedCall_theCandidateHearsTheAnnouncementFirst_andTheBridgeSaysItRecords() throws Exception {
        double promptTone = 600;
        Path prompt = recordings.resolve("prompt.wav");
        Files.write(prompt, Wav.sine(promptTone, 16_000, 1.5, 0.5));
        RecordingAnnouncement announcement = RecordingAnnouncement.fromWav(prompt, Ffmpeg.bundled());
        assertThat(announcement.duration()).isBetween(Duration.ofMillis(1500), Duration.ofMillis(1520));
        try (Call call = Call.connect()) {
            ChromiumPeer user = call.user();
            ChromiumPeer recruiter = call.recruiter();
            WebRtcMediaEngine engine = call.engine();
            MediaLeg wa = call.wa();
            MediaLeg agent = call.agent();
            Path folder = recordings.resolve("announced");
            CallRecorder recorder = engine.recorder("wacid.announced", folder, wa, agent).start();
            MediaBridge bridge = engine.bridge(wa, agent, recorder, announcement);
            assertThat(bridge.recording()).as("the UI can tell the recruiter").isTrue();

            user.startRecordingRemote();
            Thread.sleep(500);
            wa.startSending(); // "accept" returned: the announcement starts now, then the recruiter is heard
            Thread.sleep(3500);
            Wav.Pcm heard = Wav.read(user.stopRecordingRemoteAsWav());
            bridge.close();
            recorder.close();
            assertThat(bridge.recording()).isFalse();

            int rate = heard.sampleRate();
            int onset = firstSound(heard.samples(), rate);
            AudioAnalysis prompted = AudioAnalysis.of(slice(heard, onset + rate / 5, onset + rate * 13 / 10));
            AudioAnalysis afterwards = AudioAnalysis.of(slice(heard, onset + rate * 18 / 10,
                    heard.samples().length - rate / 5));
            System.out.printf("announced call: sound from %.2f s; first %.1f Hz (share %.3f), then %.1f Hz%n",
                    onset / (double) rate, prompted.dominantFrequencyHz(), prompted.powerShareNear(promptTone, 20),
                    afterwards.dominantFrequencyHz());
            assertThat(prompted.dominantFrequencyHz()).as("the candidate hears the announcement first")
                    .isCloseTo(promptTone, within(5.0));
            assertThat(prompted.powerShareNear(promptTone, 20)).as("alone: the recruiter is held meanwhile")
                    .isGreaterThan(0.9);
            assertThat(afterwards.dominantFrequencyHz()).as("then the recruiter").isCloseTo(RECRUITER_TONE,
                    within(5.0));

            // The recording keeps what the candidate heard on the recruiter's side.
            FinalizedRecording finished = RecordingFinalizer.builder().build().finish(folder);
            Wav.Pcm left = Wav.read(Files.readAllBytes(
                    finished.file(RecordingRole.RECRUITER_SPEECH_16K).orElseThrow().path()));
            boolean promptRecorded = false;
            for (int from = 0; from + left.sampleRate() / 2 <= left.samples().length; from += left.sampleRate() / 4) {
                AudioAnalysis w = AudioAnalysis.of(slice(left, from, from + left.sampleRate() / 2));
                promptRecorded |= w.rms() > 0.05 && Math.abs(w.dominantFrequencyHz() - promptTone) < 5;
            }
            assertThat(promptRecorded).as("the announcement is in the recruiter's channel").isTrue();
            // Before accept (startSending) the candidate could not hear the recruiter: that half second is not in
            // the recording either, only silence.
            AudioAnalysis beforeAccept = AudioAnalysis.of(slice(left, 0, left.sampleRate() * 3 / 10));
            assertThat(beforeAccept.rms()).as("the recruiter before the candidate could hear").isLessThan(0.01);
        }
    }

    /** Two browsers — the WhatsApp user (440 Hz) and the recruiter (1 kHz) — and an engine with both legs connected. */
    private record Call(ChromiumPeer user, ChromiumPeer recruiter, WebRtcMediaEngine engine, MediaLeg wa,
            MediaLeg agent) implements AutoCloseable {
        static Call connect() throws Exception {
            EventLog events = new EventLog();
            List<ChromiumPeer> peers = ChromiumPeer.startAll(
                    ChromiumPeer.Options.defaults().withName("whatsapp-user").withToneHz(CANDIDATE_TONE),
                    ChromiumPeer.Options.defaults().withName("recruiter").withToneHz(RECRUITER_TONE));
            WebRtcMediaEngine engine = WebRtcMediaEngine.builder()
                    .ice(IceConfig.builder().localAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                    .build();
            Call call = new Call(peers.get(0), peers.get(1), engine, engine.newLeg(LegKind.WHATSAPP, events),
                    engine.newLeg(LegKind.AGENT, events));
            try {
                call.user.applyAnswer(call.wa.answerOffer(call.user.createOffer()));
                call.agent.applyAnswer(call.recruiter.answer(call.agent.createOffer()));
                events.await(MediaEvent.Connected.class, call.wa.id(), Duration.ofSeconds(15));
                events.await(MediaEvent.Connected.class, call.agent.id(), Duration.ofSeconds(15));
                return call;
            } catch (Exception | Error e) {
                call.close();
                throw e;
            }
        }

        @Override
        public void close() {
            engine.close();
            user.close();
            recruiter.close();
        }
    }

    private static int firstSound(short[] samples, int rate) {
        int window = rate / 100;
        for (int i = 0; i + window <= samples.length; i += window) {
            double sum = 0;
            for (int j = i; j < i + window; j++) {
                sum += (double) samples[j] * samples[j];
            }
            if (Math.sqrt(sum / window) / 32768.0 > 0.05) {
                return i;
            }
        }
        throw new AssertionError("no sound at all");
    }

    private static Wav.Pcm slice(Wav.Pcm pcm, int from, int to) {
        return new Wav.Pcm(pcm.sampleRate(), java.util.Arrays.copyOfRange(pcm.samples(), Math.max(0, from),
                Math.min(pcm.samples().length, to)));
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("%s: %s", String.join(" ", command), out).isZero();
    }
}
