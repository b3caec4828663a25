package dev.wacalls.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DtmfDetectorTest {
    private final List<String> keys = new ArrayList<>();
    private final DtmfDetector detector = new DtmfDetector((event, duration, volume, ts, endSeen) ->
            keys.add(TelephoneEvent.symbol(event) + "/" + duration + "/" + volume + "/" + ts + (endSeen ? "" : "!")));

    /** Sends one telephone-event packet as WhatsApp would: PT 126, 8 kHz durations. */
    private void packet(long ts, int event, boolean end, int duration) {
        byte[] p = new byte[12 + 4];
        RtpPacket.writeHeader(p, 0, false, TelephoneEvent.WHATSAPP_PAYLOAD_TYPE, 0, ts, 1);
        TelephoneEvent.write(p, 12, event, end, 10, duration);
        detector.onPacket(RtpPacket.timestamp(p, 0), p, RtpPacket.payloadOffset(p, 0, p.length),
                RtpPacket.payloadLength(p, 0, p.length));
    }

    /** RFC 4733 §2.5: updates every 50 ms (400 units at 8 kHz) and three end packets. */
    private void press(long ts, int event, int totalDuration) {
        for (int d = 400; d < totalDuration; d += 400) {
            packet(ts, event, false, d);
        }
        packet(ts, event, true, totalDuration);
        packet(ts, event, true, totalDuration);
        packet(ts, event, true, totalDuration);
    }

    @Test
    void eachKeyIsReportedOnceWithItsDurationDespiteTheThreeEndPackets() {
        press(16_000, TelephoneEvent.eventOf('1'), 1_600); // 200 ms
        press(32_000, TelephoneEvent.eventOf('#'), 800); // 100 ms
        press(48_000, TelephoneEvent.eventOf('1'), 1_200); // the same key again is a new press

        assertThat(keys).containsExactly("1/1600/10/16000", "#/800/10/32000", "1/1200/10/48000");
        assertThat(detector.events()).isEqualTo(3);
        assertThat(detector.repeatsIgnored()).isEqualTo(6);
    }

    @Test
    void anEventWhoseEndPacketsWereLostIsReportedWhenTheNextStartsOrOnFlush() {
        packet(1_000, 5, false, 400);
        packet(1_000, 5, false, 800);
        packet(9_000, 7, false, 400);
        assertThat(keys).containsExactly("5/800/10/1000!");
        packet(9_000, 7, false, 800);
        detector.flush();
        detector.flush();
        assertThat(keys).containsExactly("5/800/10/1000!", "7/800/10/9000!");
        assertThat(detector.missingEnds()).isEqualTo(2);
    }

    @Test
    void endRepeatsOvertakenByTheNextKeyAreStillIgnored() {
        packet(1_000, 2, true, 800); // first end packet: reported
        packet(2_000, 3, false, 400); // next key starts
        packet(1_000, 2, true, 800); // a late repeat of the old end
        packet(2_000, 3, true, 640);
        assertThat(keys).containsExactly("2/800/10/1000", "3/640/10/2000");
    }

    @Test
    void symbolsAndMalformedPayloads() {
        assertThat(TelephoneEvent.symbol(0)).isEqualTo('0');
        assertThat(TelephoneEvent.symbol(10)).isEqualTo('*');
        assertThat(TelephoneEvent.symbol(11)).isEqualTo('#');
        assertThat(TelephoneEvent.symbol(15)).isEqualTo('D');
        assertThat(TelephoneEvent.symbol(16)).isEqualTo('?');
        assertThat(TelephoneEvent.eventOf('b')).isEqualTo(13);
        detector.onPacket(0, new byte[3], 0, 3);
        assertThat(detector.malformed()).isEqualTo(1);
        assertThat(keys).isEmpty();

        byte[] payload = new byte[4];
        TelephoneEvent.write(payload, 0, 9, true, 63, 0xFFFF);
        assertThat(TestPackets.hex(payload, 0, 4)).isEqualTo("09bfffff");
        assertThat(TelephoneEvent.isEnd(payload, 0)).isTrue();
        assertThat(TelephoneEvent.volume(payload, 0)).isEqualTo(63);
        assertThat(TelephoneEvent.duration(payload, 0)).isEqualTo(65_535);
    }
}
