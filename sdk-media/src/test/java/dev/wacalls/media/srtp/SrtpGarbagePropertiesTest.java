package dev.wacalls.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.media.dtls.SrtpMasterKey;
import dev.wacalls.media.dtls.SrtpProtectionProfile;
import dev.wacalls.media.rtp.PacketBuffer;
import java.util.EnumMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random bytes of random lengths, in every direction and profile: a status comes back, never an exception. */
class SrtpGarbagePropertiesTest {
    private static final Map<SrtpProtectionProfile, SrtpTransformer[]> TRANSFORMERS =
            new EnumMap<>(SrtpProtectionProfile.class);

    private static synchronized SrtpTransformer[] transformers(SrtpProtectionProfile profile) {
        return TRANSFORMERS.computeIfAbsent(profile, p -> {
            SrtpMasterKey key = new SrtpMasterKey(new byte[p.masterKeyLength()], new byte[p.masterSaltLength()]);
            return new SrtpTransformer[] {
                SrtpTransformer.create(SrtpTransformer.Direction.SEND, p, key),
                SrtpTransformer.create(SrtpTransformer.Direction.RECEIVE, p, key)
            };
        });
    }

    @Property(tries = 600)
    void garbageNeverThrows(
            @ForAll SrtpProtectionProfile profile,
            @ForAll @Size(max = 300) byte[] junk,
            @ForAll @IntRange(min = 0, max = 40) int headRoom,
            @ForAll @IntRange(min = 0, max = 40) int tailRoom,
            @ForAll boolean version2,
            @ForAll boolean fewSsrcs) {
        if (version2 && junk.length > 0) {
            junk[0] = (byte) ((junk[0] & 0x3F) | 0x80);
        }
        if (fewSsrcs && junk.length >= 12) {
            junk[8] = junk[9] = junk[10] = 0; // so that contexts get reused and replay logic runs
            junk[4] = junk[5] = junk[6] = 0;
        }
        for (SrtpTransformer t : transformers(profile)) {
            for (int rtcp = 0; rtcp < 2; rtcp++) {
                PacketBuffer buf = new PacketBuffer(headRoom + junk.length + tailRoom, headRoom);
                buf.copyFrom(junk, 0, junk.length);
                SrtpStatus status = rtcp == 0 ? t.transformRtp(buf) : t.transformRtcp(buf);
                assertThat(status).isNotNull();
                assertThat(buf.offset() + buf.length()).isLessThanOrEqualTo(buf.capacity());
                if (t.direction() == SrtpTransformer.Direction.RECEIVE) {
                    assertThat(status).isNotIn(SrtpStatus.OK, SrtpStatus.FAIL);
                }
            }
        }
    }
}
