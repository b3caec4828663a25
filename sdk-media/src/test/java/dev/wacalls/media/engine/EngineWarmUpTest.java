package dev.wacalls.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wacalls.call.LegKind;
import dev.wacalls.media.ice.IceConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineWarmUpTest {

    @Test
    void warmUp_runsALoopbackCall_andLeavesTheEnginesSocketsAndLegsAlone() {
        try (WebRtcMediaEngine engine = WebRtcMediaEngine.builder()
                .ice(IceConfig.builder().localAddresses(List.of(InetAddress.getLoopbackAddress())).build())
                .build()) {
            int sockets = engine.iceEndpoint().openSocketCount();

            Duration took = engine.warmUp();

            assertThat(took).isPositive().isLessThan(Duration.ofSeconds(15));
            assertThat(engine.legCount()).isZero();
            assertThat(engine.iceEndpoint().sessionCount()).isZero();
            assertThat(engine.iceEndpoint(LegKind.WHATSAPP).sessionCount()).isZero();
            assertThat(engine.iceEndpoint().openSocketCount()).isEqualTo(sockets);
            // A second warm-up is cheap and harmless.
            assertThat(engine.warmUp()).isLessThan(Duration.ofSeconds(15));
        }
    }
}
