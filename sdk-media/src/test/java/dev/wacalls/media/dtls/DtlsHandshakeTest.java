package dev.wacalls.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Java client against Java server on real UDP sockets bound to 127.0.0.1. */
class DtlsHandshakeTest {
    static DtlsCertificate certA;
    static DtlsCertificate certB;

    @BeforeAll
    static void certificates() {
        certA = DtlsCertificate.generate();
        certB = DtlsCertificate.generate("wacalls-peer", Duration.ofDays(1), java.time.Clock.systemUTC());
    }

    static Stream<Arguments> profilesAndDirections() {
        return Stream.of(SrtpProtectionProfile.values())
                .flatMap(p -> Stream.of(Arguments.of(p, true), Arguments.of(p, false)));
    }

    @ParameterizedTest(name = "{0}, A is client: {1}")
    @MethodSource("profilesAndDirections")
    void bothSidesAgreeOnTheProfileAndMirroredKeys(SrtpProtectionProfile profile, boolean aIsClient)
            throws Exception {
        DtlsEndpoint a = DtlsEndpoint.builder(certA).srtpProfiles(profile).build();
        DtlsEndpoint b = DtlsEndpoint.builder(certB).srtpProfiles(profile).build();
        DtlsEndpoint client = aIsClient ? a : b;
        DtlsEndpoint server = aIsClient ? b : a;
        try (Loopback net = Loopback.open()) {
            Loopback.Both both = net.handshake(client, server.certificate().fingerprint(),
                    server, client.certificate().fingerprint());
            DtlsHandshakeResult c = both.client().result();
            DtlsHandshakeResult s = both.server().result();

            assertThat(c.role()).isEqualTo(DtlsRole.CLIENT);
            assertThat(s.role()).isEqualTo(DtlsRole.SERVER);
            assertThat(c.srtpProfile()).isEqualTo(profile).isEqualTo(s.srtpProfile());
            // What one side sends with, the other receives with (RFC 5764 §4.2).
            assertThat(c.localMasterKey()).isEqualTo(s.remoteMasterKey());
            assertThat(c.remoteMasterKey()).isEqualTo(s.localMasterKey());
            assertThat(c.localMasterKey()).isNotEqualTo(c.remoteMasterKey());
            assertThat(c.localMasterKey().keyLength()).isEqualTo(profile.masterKeyLength()).isEqualTo(16);
            assertThat(c.localMasterKey().saltLength()).isEqualTo(profile.masterSaltLength());
            assertThat(c.peerFingerprint()).isEqualTo(server.certificate().fingerprint());
            assertThat(s.peerFingerprint()).isEqualTo(client.certificate().fingerprint());
            assertThat(c.cipherSuite()).isEqualTo(s.cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(c.handshakeDuration()).isPositive().isLessThan(Duration.ofSeconds(10));
            both.client().sessionOrThrow().close();
            both.server().sessionOrThrow().close();
        }
    }

    @Test
    void twoHandshakesWithTheSameCertificatesGetDifferentKeys() throws Exception {
        DtlsEndpoint a = DtlsEndpoint.builder(certA).build();
        DtlsEndpoint b = DtlsEndpoint.builder(certB).build();
        DtlsHandshakeResult first;
        DtlsHandshakeResult second;
        try (Loopback net = Loopback.open()) {
            first = net.handshake(a, certB.fingerprint(), b, certA.fingerprint()).client().result();
        }
        try (Loopback net = Loopback.open()) {
            second = net.handshake(a, certB.fingerprint(), b, certA.fingerprint()).client().result();
        }
        assertThat(first.srtpProfile()).isEqualTo(SrtpProtectionProfile.AEAD_AES_128_GCM);
        assertThat(first.localMasterKey()).isNotEqualTo(second.localMasterKey());
    }

    @Test
    void theServersPreferenceWinsOverTheClients() throws Exception {
        DtlsEndpoint gcmFirstClient = DtlsEndpoint.builder(certA)
                .srtpProfiles(SrtpProtectionProfile.AEAD_AES_128_GCM, SrtpProtectionProfile.AES_CM_128_HMAC_SHA1_80)
                .build();
        DtlsEndpoint cmFirstServer = DtlsEndpoint.builder(certB)
                .srtpProfiles(SrtpProtectionProfile.AES_CM_128_HMAC_SHA1_80, SrtpProtectionProfile.AEAD_AES_128_GCM)
                .build();
        try (Loopback net = Loopback.open()) {
            Loopback.Both both = net.handshake(gcmFirstClient, certB.fingerprint(), cmFirstServer, certA.fingerprint());
            assertThat(both.client().result().srtpProfile()).isEqualTo(SrtpProtectionProfile.AES_CM_128_HMAC_SHA1_80);
            assertThat(both.server().result().srtpProfile()).isEqualTo(SrtpProtectionProfile.AES_CM_128_HMAC_SHA1_80);
        }
        // And the other way round: the server's GCM-first list beats a CM-first client.
        try (Loopback net = Loopback.open()) {
            Loopback.Both both = net.handshake(cmFirstServer.newBuilder().build(), certA.fingerprint(),
                    gcmFirstClient.newBuilder().build(), certB.fingerprint());
            assertThat(both.client().result().srtpProfile()).isEqualTo(SrtpProtectionProfile.AEAD_AES_128_GCM);
        }
    }

    @Test
    void noCommonSrtpProfileFailsBothSidesWithReasons() throws Exception {
        DtlsEndpoint gcmOnly = DtlsEndpoint.builder(certA).srtpProfiles(SrtpProtectionProfile.AEAD_AES_128_GCM).build();
        DtlsEndpoint cmOnly =
                DtlsEndpoint.builder(certB).srtpProfiles(SrtpProtectionProfile.AES_CM_128_HMAC_SHA1_80).build();
        try (Loopback net = Loopback.open()) {
            Loopback.Both both = net.handshake(gcmOnly, certB.fingerprint(), cmOnly, certA.fingerprint());
            assertThat(both.server().error())
                    .isInstanceOf(DtlsNegotiationException.class)
                    .hasMessageContaining("no common SRTP protection profile")
                    .hasMessageContaining("AEAD_AES_128_GCM");
            assertThat(both.client().error()).isInstanceOfSatisfying(DtlsAlertException.class, e -> {
                assertThat(e.sentByPeer()).isTrue();
                assertThat(e.alertName()).isEqualTo("handshake_failure");
            });
        }
    }

    @Test
    void asClientAServerCertificateThatIsNotTheSdpFingerprintFails() throws Exception {
        DtlsCertificate impostor = DtlsCertificate.generate();
        try (Loopback net = Loopback.open()) {
            Loopback.Both both = net.handshake(DtlsEndpoint.builder(certA).build(), certB.fingerprint(),
                    DtlsEndpoint.builder(impostor).build(), certA.fingerprint());
            assertThat(both.client().error())
                    .isInstanceOfSatisfying(DtlsFingerprintMismatchException.class, e -> {
                        assertThat(e.role()).isEqualTo(DtlsRole.CLIENT);
                        assertThat(e.expected()).containsExactly(certB.fingerprint());
                        assertThat(e.actual()).isEqualTo(impostor.fingerprint());
                    })
                    .hasMessageStartingWith("certificate does not match the SDP fingerprint");
            // The server learns why from our bad_certificate alert.
            assertThat(both.server().error()).isInstanceOfSatisfying(DtlsAlertException.class, e -> {
                assertThat(e.sentByPeer()).isTrue();
                assertThat(e.alertName()).isEqualTo("bad_certificate");
            });
            assertThat(net.clientTransport.isClosed()).isTrue();
            assertThat(net.serverTransport.isClosed()).isTrue();
        }
    }

    @Test
    void asServerAClientCertificateThatIsNotTheSdpFingerprintFails() throws Exception {
        DtlsCertificate impostor = DtlsCertificate.generate();
        try (Loopback net = Loopback.open()) {
            Loopback.Both both = net.handshake(DtlsEndpoint.builder(impostor).build(), certB.fingerprint(),
                    DtlsEndpoint.builder(certB).build(), certA.fingerprint());
            assertThat(both.server().error())
                    .isInstanceOfSatisfying(DtlsFingerprintMismatchException.class, e -> {
                        assertThat(e.role()).isEqualTo(DtlsRole.SERVER);
                        assertThat(e.actual()).isEqualTo(impostor.fingerprint());
                    })
                    .hasMessageStartingWith("certificate does not match the SDP fingerprint");
            assertThat(both.client().error()).isInstanceOfSatisfying(DtlsAlertException.class,
                    e -> assertThat(e.alertName()).isEqualTo("bad_certificate"));
        }
    }

    @Test
    void aSha512FingerprintFromTheSdpIsHonoured() throws Exception {
        try (Loopback net = Loopback.open()) {
            Loopback.Both both = net.handshake(DtlsEndpoint.builder(certA).build(), certB.fingerprint("sha-512"),
                    DtlsEndpoint.builder(certB).build(), certA.fingerprint());
            assertThat(both.client().result().peerFingerprint().hashFunction()).isEqualTo("sha-512");
        }
    }

    @Test
    void aClientThatGetsNoAnswerTimesOutWithinTheConfiguredBound() throws Exception {
        // The "peer" is a bound socket that never reads or answers: a black hole, like a firewall dropping DTLS.
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(Loopback.LOCALHOST, 0));
                UdpDatagramTransport transport = UdpDatagramTransport.open(
                        new InetSocketAddress(Loopback.LOCALHOST, 0),
                        (InetSocketAddress) silent.getLocalSocketAddress())) {
            DtlsEndpoint dtls = DtlsEndpoint.builder(certA).handshakeTimeout(Duration.ofMillis(1500)).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> dtls.handshake(DtlsRole.CLIENT, transport, certB.fingerprint()))
                    .isInstanceOfSatisfying(DtlsTimeoutException.class, e -> {
                        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(1500));
                        assertThat(e.role()).isEqualTo(DtlsRole.CLIENT);
                    })
                    .hasMessageContaining("1500 ms");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofMillis(3000));
            assertThat(transport.isClosed()).as("the failed handshake released its socket").isTrue();
        }
    }

    @Test
    void aServerThatNeverGetsAClientHelloTimesOut() throws Exception {
        try (Loopback net = Loopback.open()) {
            DtlsEndpoint dtls = DtlsEndpoint.builder(certB).handshakeTimeout(Duration.ofMillis(800)).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> dtls.handshake(DtlsRole.SERVER, net.serverTransport, certA.fingerprint()))
                    .isInstanceOf(DtlsTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            assertThat(net.serverTransport.isClosed()).isTrue();
        }
    }

    @Test
    void closingTheTransportFromAnotherThreadAbortsTheHandshake() throws Exception {
        try (Loopback net = Loopback.open()) {
            DtlsEndpoint dtls = DtlsEndpoint.builder(certB).build();
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                net.serverTransport.close();
            });
            closer.start();
            long start = System.nanoTime();
            assertThatThrownBy(() -> dtls.handshake(DtlsRole.SERVER, net.serverTransport, certA.fingerprint()))
                    .isInstanceOf(DtlsTransportException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            closer.join();
        }
    }

    @Test
    void closingTheSessionFreesTheSocketAndTellsThePeer() throws Exception {
        InetSocketAddress clientAddress;
        try (Loopback net = Loopback.open()) {
            clientAddress = net.clientTransport.localAddress();
            Loopback.Both both = net.handshake(DtlsEndpoint.builder(certA).build(), certB.fingerprint(),
                    DtlsEndpoint.builder(certB).build(), certA.fingerprint());
            DtlsSession client = both.client().sessionOrThrow();
            DtlsSession server = both.server().sessionOrThrow();

            client.close();
            client.close(); // idempotent
            assertThat(client.isClosed()).isTrue();
            assertThat(net.clientTransport.isClosed()).isTrue();
            // The server's record layer sees close_notify and closes its side too.
            byte[] buf = new byte[1500];
            assertThatThrownBy(() -> server.receive(buf, 0, buf.length, 2000)).isInstanceOf(IOException.class);
            assertThat(server.isClosed()).isTrue();
            assertThat(net.serverTransport.isClosed()).isTrue();
            server.close();
        }
        // The port is really free again.
        try (DatagramSocket again = new DatagramSocket(clientAddress)) {
            assertThat(again.getLocalPort()).isEqualTo(clientAddress.getPort());
        }
    }

    @Test
    void anSdpWithoutFingerprintIsRefusedBeforeAnyPacket() throws Exception {
        try (Loopback net = Loopback.open()) {
            DtlsEndpoint dtls = DtlsEndpoint.builder(certA).build();
            assertThatThrownBy(() -> dtls.handshake(DtlsRole.CLIENT, net.clientTransport, List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no a=fingerprint");
        }
    }

    @Test
    void rolesFollowOurSdpSetupAttribute() {
        assertThat(DtlsRole.forLocalSetup("active")).isEqualTo(DtlsRole.CLIENT);
        assertThat(DtlsRole.forLocalSetup("PASSIVE")).isEqualTo(DtlsRole.SERVER);
        assertThat(DtlsRole.CLIENT.sdpSetup()).isEqualTo("active");
        assertThatThrownBy(() -> DtlsRole.forLocalSetup("actpass")).isInstanceOf(IllegalArgumentException.class);
    }
}
