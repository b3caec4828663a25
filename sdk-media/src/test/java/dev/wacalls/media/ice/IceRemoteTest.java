package dev.wacalls.media.ice;

import static dev.wacalls.media.ice.IceTestSupport.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.ice.Agent;
import org.ice4j.ice.CandidatePair;
import org.ice4j.ice.CandidatePairState;
import org.ice4j.ice.CandidateType;
import org.ice4j.ice.Component;
import org.ice4j.ice.IceMediaStream;
import org.ice4j.ice.IceProcessingState;
import org.ice4j.ice.KeepAliveStrategy;
import org.ice4j.ice.LocalCandidate;
import org.ice4j.ice.RemoteCandidate;
import org.ice4j.ice.harvest.SinglePortUdpHarvester;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against other kinds of remote: an ICE-lite-like one (ice4j has no ICE-lite mode, so: a plain ice4j agent that
 * answers checks but never starts its own, which is exactly what a lite agent does), and a role conflict.
 */
class IceRemoteTest {
    static IceEndpoint left;
    static IceEndpoint right;

    @BeforeAll
    static void endpoints() {
        left = IceTestSupport.openLoopback();
        right = IceTestSupport.openLoopback();
    }

    @AfterAll
    static void close() {
        left.close();
        right.close();
    }

    /** An ice4j agent answering on 127.0.0.1 through SinglePortUdpHarvester and never checking: lite-like. */
    static final class LiteLikeRemote implements AutoCloseable {
        final SinglePortUdpHarvester harvester;
        final Agent agent;
        final IceMediaStream stream;
        final Component component;

        LiteLikeRemote() throws Exception {
            harvester = new SinglePortUdpHarvester(new TransportAddress(LOOPBACK, 0, Transport.UDP));
            agent = new Agent();
            agent.setUseDynamicPorts(false);
            agent.addCandidateHarvester(harvester);
            agent.setControlling(false); // Meta: always controlled
            stream = agent.createMediaStream("audio");
            component = agent.createComponent(stream, KeepAliveStrategy.SELECTED_ONLY, false);
        }

        IceParameters parameters() {
            LocalCandidate c = component.getLocalCandidates().get(0);
            return new IceParameters(agent.getLocalUfrag(), agent.getLocalPassword(), List.of(IceCandidate.udp(
                    c.getFoundation(), c.getPriority(), "127.0.0.1", c.getTransportAddress().getPort(),
                    IceCandidateType.HOST)), true);
        }

        void learn(IceParameters ours) {
            stream.setRemoteUfrag(ours.ufrag());
            stream.setRemotePassword(ours.password());
        }

        @Override
        public void close() {
            agent.free();
            harvester.close();
        }
    }

    @Test
    void aSessionFacingAnIceLiteRemoteControlsAndConnects() throws Exception {
        try (LiteLikeRemote meta = new LiteLikeRemote(); IceSession ours = left.newSession()) {
            meta.learn(ours.localParameters());
            // Business-initiated or not, the remote is lite: we control (localIsOfferer=false on purpose).
            IceSelectedPair pair = ours.start(meta.parameters(), false).get(10, TimeUnit.SECONDS);

            assertThat(pair.role()).isEqualTo(IceRole.CONTROLLING);
            assertThat(pair.remote()).isEqualTo(new InetSocketAddress(LOOPBACK,
                    meta.component.getLocalCandidates().get(0).getTransportAddress().getPort()));
            // The lite-like remote never started checks of its own, yet it received our USE-CANDIDATE.
            assertThat(meta.agent.getState()).isEqualTo(IceProcessingState.WAITING);
            System.out.printf("ICE against a lite-like remote: %d ms%n", pair.elapsed().toMillis());
        }
    }

    /**
     * Why IceSession does not use ice4j's SinglePortUdpHarvester: behind it, even a controlling agent cannot send a
     * check to a peer that has not checked it first — and an ICE-lite peer never does. Documented here so a later
     * "simplification" back to it fails loudly.
     */
    @Test
    void ice4jSinglePortHarvesterCannotCheckAnIceLitePeer() throws Exception {
        try (LiteLikeRemote lite = new LiteLikeRemote();
                LiteLikeRemote controlling = new LiteLikeRemote()) {
            controlling.agent.setControlling(true);
            controlling.learn(lite.parameters());
            lite.learn(controlling.parameters());
            IceCandidate target = lite.parameters().candidates().get(0);
            controlling.component.addRemoteCandidate(new RemoteCandidate(
                    new TransportAddress(LOOPBACK, target.port(), Transport.UDP), controlling.component,
                    CandidateType.HOST_CANDIDATE, target.foundation(), target.priority(), null));
            controlling.agent.startConnectivityEstablishment();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            List<CandidatePair> pairs = List.of();
            while (System.nanoTime() < deadline) {
                pairs = List.copyOf(controlling.stream.getCheckList());
                if (!pairs.isEmpty() && pairs.stream().allMatch(p -> p.getState() == CandidatePairState.FAILED)) {
                    break;
                }
                Thread.sleep(20);
            }
            // "No socket found for 127.0.0.1:x -> 127.0.0.1:y": the check could not even be sent.
            assertThat(pairs).isNotEmpty().allMatch(p -> p.getState() == CandidatePairState.FAILED);
            assertThat(controlling.agent.getState()).isNotEqualTo(IceProcessingState.COMPLETED);
        }
    }

    @Test
    void bothControllingIsResolvedBy487AndBothConnect() throws Exception {
        try (IceSession a = left.newSession(); IceSession b = right.newSession()) {
            // Both believe they made the offer (glare): both start controlling.
            CompletableFuture<IceSelectedPair> fa = a.start(b.localParameters(), true);
            CompletableFuture<IceSelectedPair> fb = b.start(a.localParameters(), true);
            IceSelectedPair pa = fa.get(10, TimeUnit.SECONDS);
            IceSelectedPair pb = fb.get(10, TimeUnit.SECONDS);
            assertThat(List.of(pa.role(), pb.role())).containsExactlyInAnyOrder(IceRole.CONTROLLING,
                    IceRole.CONTROLLED);
            assertThat(pa.remote()).isEqualTo(pb.local());
            assertThat(a.transport().sendPacket(IceConnectTest.rtp(1), 0, 12)).isEqualTo(IceSendStatus.SENT);
        }
    }

    @Test
    void bothControlledIsResolvedBy487AndBothConnect() throws Exception {
        try (IceSession a = left.newSession(); IceSession b = right.newSession()) {
            CompletableFuture<IceSelectedPair> fa = a.start(b.localParameters(), false);
            CompletableFuture<IceSelectedPair> fb = b.start(a.localParameters(), false);
            IceSelectedPair pa = fa.get(10, TimeUnit.SECONDS);
            IceSelectedPair pb = fb.get(10, TimeUnit.SECONDS);
            assertThat(List.of(pa.role(), pb.role())).containsExactlyInAnyOrder(IceRole.CONTROLLING,
                    IceRole.CONTROLLED);
        }
    }
}
