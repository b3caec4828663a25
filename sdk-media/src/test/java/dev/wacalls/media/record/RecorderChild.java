package dev.wacalls.media.record;

import dev.wacalls.media.bridge.LegBridge.Direction;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The process {@link CallRecorderKillTest} kills: records a call in real time — both voices, one 20 ms packet each
 * every 20 ms, as the bridge would deliver them — until it is killed.
 *
 * <pre>
 * java -cp ... dev.wacalls.media.record.RecorderChild &lt;recordings root&gt; &lt;call id&gt;
 * </pre>
 *
 * Prints {@code RECORDING} once the recorder started (the call's second 0), then {@code AT <ms>} every second.
 */
public final class RecorderChild {
    private RecorderChild() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String callId = args[1];
        List<byte[]> candidate = TestOpus.tone(440, 2.0);
        List<byte[]> recruiter = TestOpus.tone(660, 2.0);
        CallRecorder recorder = CallRecorder.builder(callId, root.resolve(callId)).start();
        long start = recorder.callStartNanos();
        System.out.println("RECORDING");
        System.out.flush();
        for (int k = 0; ; k++) {
            long due = start + k * 20_000_000L;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            recorder.onForwarded(Direction.A_TO_B,
                    RtpPackets.rtp(111, k, 960L * k, candidate.get(k % candidate.size())));
            recorder.onForwarded(Direction.B_TO_A,
                    RtpPackets.rtp(111, 40_000 + k, 1_000_000L + 960L * k, recruiter.get(k % recruiter.size())));
            if (k % 50 == 0) {
                System.out.println("AT " + k * 20);
                System.out.flush();
            }
        }
    }
}
