'use strict';
// A werift RTCPeerConnection driven by dev.wacalls.media.interop.NodePeer over stdin/stdout.
// Protocol: one JSON object per line each way. Every request {"id":n,"cmd":...} gets exactly one reply
// {"id":n,"ok":true,...} or {"id":n,"ok":false,"error":"..."}. Logs go to stderr only.
// Nothing here leaves 127.0.0.1: werift gets a local STUN server (answered below) so it never asks a public one.
const dgram = require('dgram');
const readline = require('readline');
const {
  RTCPeerConnection, RTCRtpCodecParameters, MediaStreamTrack, RtpPacket, RtpHeader,
} = require('werift');

const SRTP_PROFILES = { 1: 'SRTP_AES128_CM_HMAC_SHA1_80', 7: 'SRTP_AEAD_AES_128_GCM' };
const log = (...a) => process.stderr.write('[werift-peer] ' + a.join(' ') + '\n');
const send = (o) => process.stdout.write(JSON.stringify(o) + '\n');

// Minimal RFC 5389 STUN server: answers every Binding request with XOR-MAPPED-ADDRESS (IPv4).
let stunRequests = 0;
function startStun() {
  return new Promise((resolve, reject) => {
    const sock = dgram.createSocket('udp4');
    sock.on('message', (msg, rinfo) => {
      if (msg.length < 20 || msg.readUInt16BE(0) !== 0x0001 || msg.readUInt32BE(4) !== 0x2112a442) return;
      stunRequests++;
      const res = Buffer.alloc(20 + 12);
      res.writeUInt16BE(0x0101, 0);
      res.writeUInt16BE(12, 2);
      msg.copy(res, 4, 4, 20); // magic cookie + transaction id
      res.writeUInt16BE(0x0020, 20); // XOR-MAPPED-ADDRESS
      res.writeUInt16BE(8, 22);
      res.writeUInt8(0, 24);
      res.writeUInt8(1, 25); // IPv4
      res.writeUInt16BE(rinfo.port ^ 0x2112, 26);
      const ip = rinfo.address.split('.').map(Number);
      const cookie = [0x21, 0x12, 0xa4, 0x42];
      for (let i = 0; i < 4; i++) res.writeUInt8(ip[i] ^ cookie[i], 28 + i);
      sock.send(res, rinfo.port, rinfo.address);
    });
    sock.on('error', reject);
    sock.bind(0, '127.0.0.1', () => resolve(sock));
  });
}

let pc, stun, track, transceiver, timer;
let frames = [];
let sent = 0, received = 0;
const payloads = [];
let firstPayloadType = null;

async function waitGathered(pc) {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise((resolve) => {
    pc.iceGatheringStateChange.subscribe((s) => { if (s === 'complete') resolve(); });
  });
}

function startSending() {
  if (timer || frames.length === 0) return;
  let seq = Math.floor(Math.random() * 65536), ts = Math.floor(Math.random() * 2 ** 32), i = 0;
  timer = setInterval(() => {
    const header = new RtpHeader({ payloadType: 111, sequenceNumber: seq, timestamp: ts, marker: i === 0, ssrc: 1 });
    track.writeRtp(new RtpPacket(header, frames[i % frames.length]));
    sent++; i++;
    seq = (seq + 1) & 0xffff; ts = (ts + 960) >>> 0;
  }, 20);
}

const handlers = {
  async offer(req) {
    frames = (req.frames || []).map((b) => Buffer.from(b, 'base64'));
    stun = await startStun();
    const stunPort = stun.address().port;
    const debug = {};
    if (req.inboundPacketLoss) debug.inboundPacketLoss = req.inboundPacketLoss;
    if (req.outboundPacketLoss) debug.outboundPacketLoss = req.outboundPacketLoss;
    pc = new RTCPeerConnection({
      iceServers: [{ urls: `stun:127.0.0.1:${stunPort}` }],
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceUseIpv6: false,
      codecs: {
        audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111 })],
      },
      debug,
    });
    pc.connectionStateChange.subscribe((s) => {
      log('connectionState', s);
      if (s === 'connected') startSending();
    });
    pc.onTrack.subscribe((t) => {
      t.onReceiveRtp.subscribe((rtp) => {
        received++;
        if (firstPayloadType === null) firstPayloadType = rtp.header.payloadType;
        payloads.push(rtp.payload.toString('base64'));
      });
    });
    track = new MediaStreamTrack({ kind: 'audio' });
    transceiver = pc.addTransceiver(track, { direction: 'sendrecv' });
    await pc.setLocalDescription(await pc.createOffer());
    await waitGathered(pc);
    return { sdp: pc.localDescription.sdp, stunPort };
  },
  async answer(req) {
    await pc.setRemoteDescription({ type: 'answer', sdp: req.sdp });
    return {};
  },
  async awaitConnected(req) {
    const deadline = Date.now() + (req.timeoutMs || 10000);
    while (pc.connectionState !== 'connected' && Date.now() < deadline) {
      if (pc.connectionState === 'failed' || pc.connectionState === 'closed') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    return { connectionState: pc.connectionState };
  },
  async stats() {
    const dtls = transceiver && transceiver.sender.dtlsTransport;
    const profile = dtls && dtls.dtls && dtls.dtls.srtp ? dtls.dtls.srtp.srtpProfile : null;
    return {
      connectionState: pc.connectionState,
      iceConnectionState: pc.iceConnectionState,
      dtlsState: dtls ? dtls.state : null,
      dtlsRole: dtls ? dtls.role : null,
      srtpProfile: profile == null ? null : (SRTP_PROFILES[profile] || String(profile)),
      sent, received, firstPayloadType, stunRequests,
    };
  },
  async received() {
    return { payloads };
  },
  async close() {
    if (timer) clearInterval(timer);
    if (pc) await pc.close();
    if (stun) stun.close();
    setTimeout(() => process.exit(0), 50);
    return {};
  },
};

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  let req;
  try { req = JSON.parse(line); } catch (e) { send({ ok: false, error: 'bad json: ' + e.message }); return; }
  const h = handlers[req.cmd];
  if (!h) { send({ id: req.id, ok: false, error: 'unknown cmd ' + req.cmd }); return; }
  try {
    send(Object.assign({ id: req.id, ok: true }, await h(req)));
  } catch (e) {
    send({ id: req.id, ok: false, error: String(e && e.stack || e) });
  }
});
rl.on('close', () => { if (timer) clearInterval(timer); process.exit(0); });
process.on('unhandledRejection', (e) => log('unhandledRejection', e && e.stack || e));
const weriftVersion = JSON.parse(require('fs').readFileSync(
  require('path').join(__dirname, 'node_modules', 'werift', 'package.json'), 'utf8')).version;
send({ ready: true, werift: weriftVersion, node: process.version });
