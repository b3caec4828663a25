package dev.wacalls.bench;

import dev.wacalls.call.LegKind;
import dev.wacalls.call.MediaBridge;
import dev.wacalls.call.MediaEvent;
import dev.wacalls.call.MediaLeg;
import dev.wacalls.media.dtls.DtlsCertificate;
import dev.wacalls.media.engine.WebRtcMediaEngine;
import dev.wacalls.media.ice.IceConfig;
import dev.wacalls.media.ice.IceEndpoint;
import dev.wacalls.media.leg.WebRtcLeg;
import dev.wacalls.media.rtp.BufferPool;
import dev.wacalls.media.rtp.PacketBuffer;
import dev.wacalls.media.rtp.RtpPacket;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Load on the bridge: N concurrent bridged calls through one {@link WebRtcMediaEngine} on loopback, each side sending
 * a 20 ms Opus-sized packet every 20 ms (what a call carries), for a while. Reports the CPU time the engine's ICE I/O
 * threads spent (they carry every packet: SRTP unprotect, rewrite, SRTP protect, send), per forwarded packet and as a
 * share of one core, plus what arrived. The far ends are our own legs in the same JVM, on their own endpoint; their
 * CPU is not counted.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.wacalls.bench.BridgeLoadHarness 100 20   # 100 calls, 20 s
 * </pre>
 */
public final class BridgeLoadHarness {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int PAYLOAD = 80; // ~32 kbit/s Opus

    private BridgeLoadHarness() {}

    private record Call(MediaLeg wa, MediaLeg agent, MediaBridge bridge, WebRtcLeg user, WebRtcLeg recruiter) {}

    public static void main(String[] args) throws Exception {
        System.setProperty("ice4j.harvest.mapping.aws.enabled", "false");
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        IceConfig loopback = IceConfig.builder().localAddresses(List.of(LOOPBACK)).build();
        ScheduledExecutorService peers = Executors.newScheduledThreadPool(2);
        BufferPool pool = BufferPool.withDefaults();
        try (WebRtcMediaEngine engine = WebRtcMediaEngine.builder().ice(loopback).build()) {
            // The engine's I/O threads, named before the far ends' endpoint starts one of its own.
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("wacalls-ice-io")) {
                    ENGINE_IO.add(t.getName());
                }
            }
            IceEndpoint far = IceEndpoint.open(IceConfig.builder().localAddresses(List.of(LOOPBACK))
                    .ephemeralPorts().build());
            engine.warmUp();
            DtlsCertificate cert = DtlsCertificate.generate();
            List<Call> open = new ArrayList<>();
            long setupStart = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                CompletableFuture<Void> waUp = new CompletableFuture<>();
                CompletableFuture<Void> agentUp = new CompletableFuture<>();
                MediaLeg wa = engine.newLeg(LegKind.WHATSAPP, e -> {
                    if (e instanceof MediaEvent.Connected) {
                        waUp.complete(null);
                    }
                });
                MediaLeg agent = engine.newLeg(LegKind.AGENT, e -> {
                    if (e instanceof MediaEvent.Connected) {
                        agentUp.complete(null);
                    }
                });
                WebRtcLeg user = WebRtcLeg.builder(far, cert, peers).build();
                WebRtcLeg recruiter = WebRtcLeg.builder(far, cert, peers).build();
                user.applyAnswer(wa.answerOffer(user.createOffer()));
                recruiter.applyAnswer(agent.answerOffer(recruiter.createOffer()));
                CompletableFuture.allOf(waUp, agentUp, user.connected(), recruiter.connected()).get(20, TimeUnit.SECONDS);
                wa.startSending();
                open.add(new Call(wa, agent, engine.bridge(wa, agent), user, recruiter));
            }
            double setupMs = (System.nanoTime() - setupStart) / 1e6;

            int[] seq = new int[calls * 2];
            var sender = peers.scheduleAtFixedRate(() -> {
                for (int i = 0; i < open.size(); i++) {
                    send(open.get(i).user(), pool, seq, 2 * i);
                    send(open.get(i).recruiter(), pool, seq, 2 * i + 1);
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            Thread.sleep(2000); // settle
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = ioCpu(threads);
            long in0 = received(open);
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long cpu1 = ioCpu(threads);
            long in1 = received(open);
            long t1 = System.nanoTime();
            sender.cancel(false);

            double wall = (t1 - t0) / 1e9;
            long forwarded = in1 - in0;
            double expected = calls * 2 * 50.0 * wall;
            System.out.printf(Locale.ROOT, "%d bridged calls (%d legs), %d s: set up in %.0f ms (%.1f ms per call)%n",
                    calls, calls * 2, seconds, setupMs, setupMs / calls);
            System.out.printf(Locale.ROOT, "  forwarded %,d packets (%.0f/s, %.2f %% of those sent) through the bridge%n",
                    forwarded, forwarded / wall, 100.0 * forwarded / expected);
            System.out.printf(Locale.ROOT, "  engine I/O threads: %.1f %% of one core, %.0f ns CPU per forwarded packet"
                    + " (in: unprotect + rewrite + protect + send)%n",
                    100.0 * (cpu1 - cpu0) / (t1 - t0), (cpu1 - cpu0) / (double) Math.max(1, forwarded));
            for (Call c : open) {
                c.bridge().close();
                c.wa().close();
                c.agent().close();
                c.user().close();
                c.recruiter().close();
            }
            far.close();
        } finally {
            peers.shutdownNow();
        }
    }

    private static void send(WebRtcLeg leg, BufferPool pool, int[] seq, int i) {
        PacketBuffer p = pool.acquire(RtpPacket.FIXED_HEADER_LENGTH + PAYLOAD);
        try {
            int s = seq[i]++;
            int n = RtpPacket.writeHeader(p.array(), p.offset(), false, leg.opusPayloadType(), s, 960L * s,
                    (int) leg.localSsrc());
            p.array()[p.offset() + n] = (byte) 0xF8; // a CELT 20 ms TOC, the rest as good as any payload
            p.setLength(n + PAYLOAD);
            leg.send(p);
        } finally {
            p.release();
        }
    }

    /** Packets the far ends received: what the bridge forwarded and the engine's legs sent. */
    private static long received(List<Call> calls) {
        long n = 0;
        for (Call c : calls) {
            n += c.user().packetsIn() + c.recruiter().packetsIn();
        }
        return n;
    }

    /** CPU time of the engine's ICE I/O threads (not the far ends' endpoint's, which is named the same). */
    private static long ioCpu(ThreadMXBean threads) {
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("wacalls-ice-io") && ENGINE_IO.contains(t.getName())) {
                total += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return total;
    }

    private static final java.util.Set<String> ENGINE_IO = new java.util.HashSet<>();
}
