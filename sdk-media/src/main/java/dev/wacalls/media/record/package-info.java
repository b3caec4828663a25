/**
 * Call recording: each voice of a bridged call into its own Ogg Opus file, aligned to the call's clock, written as
 * the call goes so that a crash of the process keeps all but the last fraction of a second.
 *
 * <pre>{@code
 * CallRecorder recorder = CallRecorder.builder("wacid.ABC", recordingsRoot.resolve("wacid.ABC"))
 *         .legA(Speaker.CANDIDATE)                               // leg A is the WhatsApp user's
 *         .legs(whatsAppLeg, browserLeg)                         // which payload type is Opus each way
 *         .start();                                              // .recorder.json says "recording"
 * LegBridge bridge = LegBridge.builder(whatsAppLeg, browserLeg)
 *         .tap(LegBridge.Direction.A_TO_B, recorder)
 *         .tap(LegBridge.Direction.B_TO_A, recorder)
 *         .start();
 * // ... the call ...
 * bridge.close();
 * recorder.close();                                              // both tracks padded to the call's end; "closed"
 *
 * // At start-up, for recordings a crash left open:
 * for (UnfinishedRecordings.Unfinished u : UnfinishedRecordings.find(recordingsRoot)) {
 *     UnfinishedRecordings.recover(u, Clock.systemUTC());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.wacalls.media.record.OggOpusWriter}: RFC 7845 Ogg Opus, packets passed through, pages written as
 *       they fill.</li>
 *   <li>{@link dev.wacalls.media.record.AlignedTrack}: one voice on the call's timeline — leading silence, gaps
 *       filled with Opus silence, reordering, duplicates, timestamp jumps and clock drift.</li>
 *   <li>{@link dev.wacalls.media.record.CallRecorder}: the bridge's tap; two tracks, the manifest.</li>
 *   <li>{@link dev.wacalls.media.record.OggRecovery}, {@link dev.wacalls.media.record.UnfinishedRecordings}: after a
 *       crash, cut each file at its last good page and mark it ended.</li>
 * </ul>
 *
 * <p>On the packet path everything answers with status values and counters, never exceptions, and allocates
 * nothing in steady state.
 *
 * <p>After the call, {@link dev.wacalls.media.record.RecordingFinalizer} runs FFmpeg
 * ({@link dev.wacalls.media.record.Ffmpeg}: jave's bundled binary or a system one) to make the stereo recording
 * (recruiter left, candidate right) and the 16 kHz speech files, with their durations, sizes and SHA-256s. FFmpeg
 * never runs on the packet path.
 */
@NullMarked
package dev.wacalls.media.record;

import org.jspecify.annotations.NullMarked;
