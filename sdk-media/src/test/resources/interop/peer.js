// One WebRTC audio peer per page, driven from Java (ChromiumPeer) through WebDriver's "execute async script".
// Every method returns a promise of a JSON-serialisable value; timeouts are enforced here, in milliseconds.
'use strict';

(function () {
  const state = {
    pc: null,
    mic: null,
    micAdded: false,
    remoteTrack: null,
    remoteTrackReady: null,
    recorder: null,
    chunks: [],
  };

  function withTimeout(promise, ms, describe) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out after ' + ms + ' ms waiting for ' + describe())), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  function pc() {
    if (!state.pc) throw new Error('init() has not run');
    return state.pc;
  }

  function addMicrophone() {
    if (state.micAdded) return;
    for (const track of state.mic.getAudioTracks()) pc().addTrack(track, state.mic);
    state.micAdded = true;
  }

  // Non-trickle: the SDP handed back carries every candidate, as Meta's relay expects.
  function gatheringComplete(ms) {
    const p = pc();
    if (p.iceGatheringState === 'complete') return Promise.resolve();
    return withTimeout(new Promise(resolve => {
      const listener = () => {
        if (p.iceGatheringState === 'complete') {
          p.removeEventListener('icegatheringstatechange', listener);
          resolve();
        }
      };
      p.addEventListener('icegatheringstatechange', listener);
    }), ms, () => 'ICE gathering (state ' + p.iceGatheringState + ')');
  }

  function blobToBase64(blob) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(blob);
    });
  }

  window.wacallsPeer = {
    async init() {
      state.mic = await navigator.mediaDevices.getUserMedia({
        audio: {echoCancellation: false, noiseSuppression: false, autoGainControl: false},
        video: false,
      });
      state.pc = new RTCPeerConnection({iceServers: [], bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require'});
      state.remoteTrackReady = new Promise(resolve => {
        state.pc.addEventListener('track', event => {
          if (event.track.kind !== 'audio') return;
          state.remoteTrack = event.track;
          const element = document.getElementById('remote');
          element.srcObject = event.streams[0] || new MediaStream([event.track]);
          element.play().catch(() => {});
          resolve(event.track);
        });
      });
      const mic = state.mic.getAudioTracks()[0];
      return {userAgent: navigator.userAgent, microphone: mic.label, settings: mic.getSettings()};
    },

    async createOffer(ms) {
      addMicrophone();
      await pc().setLocalDescription(await pc().createOffer());
      await gatheringComplete(ms);
      return pc().localDescription.sdp;
    },

    async applyAnswer(sdp) {
      await pc().setRemoteDescription({type: 'answer', sdp: sdp});
      return pc().signalingState;
    },

    async answer(sdp, ms) {
      await pc().setRemoteDescription({type: 'offer', sdp: sdp});
      addMicrophone();
      await pc().setLocalDescription(await pc().createAnswer());
      await gatheringComplete(ms);
      return pc().localDescription.sdp;
    },

    async awaitConnected(ms) {
      const p = pc();
      const connected = () => {
        if (p.connectionState === 'connected') return true;
        if (p.connectionState === 'failed' || p.connectionState === 'closed') {
          throw new Error('connectionState became ' + p.connectionState + ' (ICE ' + p.iceConnectionState + ')');
        }
        return false;
      };
      if (connected()) return p.connectionState;
      await withTimeout(new Promise((resolve, reject) => {
        const listener = () => {
          try {
            if (connected()) {
              p.removeEventListener('connectionstatechange', listener);
              resolve();
            }
          } catch (e) {
            p.removeEventListener('connectionstatechange', listener);
            reject(e);
          }
        };
        p.addEventListener('connectionstatechange', listener);
      }), ms, () => 'connectionState connected (it is ' + p.connectionState + ', ICE ' + p.iceConnectionState
          + ', gathering ' + p.iceGatheringState + ')');
      return p.connectionState;
    },

    async stats() {
      const p = pc();
      const byId = {};
      (await p.getStats()).forEach(s => { byId[s.id] = s; });
      const all = Object.values(byId);
      const first = (type, kind) => all.find(s => s.type === type && (!kind || s.kind === kind)) || null;
      const transport = first('transport');
      const pair = transport && transport.selectedCandidatePairId ? byId[transport.selectedCandidatePairId] || null : null;
      const inbound = first('inbound-rtp', 'audio');
      const outbound = first('outbound-rtp', 'audio');
      return {
        connectionState: p.connectionState,
        iceConnectionState: p.iceConnectionState,
        signalingState: p.signalingState,
        transport: transport,
        pair: pair,
        localCandidate: pair ? byId[pair.localCandidateId] || null : null,
        remoteCandidate: pair ? byId[pair.remoteCandidateId] || null : null,
        inbound: inbound,
        inboundCodec: inbound && inbound.codecId ? byId[inbound.codecId] || null : null,
        outbound: outbound,
        outboundCodec: outbound && outbound.codecId ? byId[outbound.codecId] || null : null,
        report: all,
      };
    },

    async startRecording(ms) {
      if (state.recorder && state.recorder.state !== 'inactive') throw new Error('already recording');
      const track = await withTimeout(state.remoteTrackReady, ms, () => 'a remote audio track');
      const mimeType = 'audio/webm;codecs=opus';
      if (!MediaRecorder.isTypeSupported(mimeType)) throw new Error(mimeType + ' is not supported');
      const recorder = new MediaRecorder(new MediaStream([track]), {mimeType: mimeType, audioBitsPerSecond: 128000});
      state.chunks = [];
      recorder.addEventListener('dataavailable', e => { if (e.data && e.data.size > 0) state.chunks.push(e.data); });
      const started = new Promise(resolve => recorder.addEventListener('start', resolve, {once: true}));
      recorder.start(250);
      state.recorder = recorder;
      await withTimeout(started, ms, () => 'MediaRecorder to start (state ' + recorder.state + ')');
      return recorder.state;
    },

    async stopRecording(ms) {
      const recorder = state.recorder;
      if (!recorder || recorder.state === 'inactive') throw new Error('not recording');
      const stopped = new Promise(resolve => recorder.addEventListener('stop', resolve, {once: true}));
      recorder.stop();
      await withTimeout(stopped, ms, () => 'MediaRecorder to stop');
      state.recorder = null;
      const blob = new Blob(state.chunks, {type: recorder.mimeType});
      state.chunks = [];
      return {mimeType: recorder.mimeType, size: blob.size, base64: await blobToBase64(blob)};
    },

    // RFC 4733 key presses through RTCDTMFSender; resolves when the last tone was sent (tonechange with '').
    async insertDtmf(tones, durationMs, gapMs, ms) {
      const sender = pc().getSenders().find(s => s.track && s.track.kind === 'audio');
      if (!sender || !sender.dtmf) throw new Error('no audio sender with DTMF');
      if (!sender.dtmf.canInsertDTMF) throw new Error('canInsertDTMF is false (telephone-event not negotiated?)');
      const done = new Promise(resolve => {
        const listener = e => { if (e.tone === '') { sender.dtmf.removeEventListener('tonechange', listener); resolve(); } };
        sender.dtmf.addEventListener('tonechange', listener);
      });
      sender.dtmf.insertDTMF(tones, durationMs, gapMs);
      await withTimeout(done, ms, () => 'DTMF tones to be sent');
      return tones;
    },

    // Mutes the way many web apps do: the audio sender stops its track (Chromium then says RTCP BYE for it).
    async mute() {
      const sender = pc().getSenders().find(s => s.track && s.track.kind === 'audio');
      if (!sender) throw new Error('no audio sender');
      state.mutedTrack = sender.track;
      await sender.replaceTrack(null);
      return 'muted';
    },

    async unmute() {
      const sender = pc().getSenders().find(s => s.track === null);
      if (!sender || !state.mutedTrack) throw new Error('not muted');
      await sender.replaceTrack(state.mutedTrack);
      state.mutedTrack = null;
      return 'unmuted';
    },

    // Ends the peer connection only (the page stays): the far end sees DTLS close_notify / RTCP BYE.
    async hangUp() {
      if (state.pc) state.pc.close();
      return 'closed';
    },

    async close() {
      if (state.recorder && state.recorder.state !== 'inactive') state.recorder.stop();
      if (state.pc) state.pc.close();
      if (state.mic) state.mic.getTracks().forEach(t => t.stop());
      return 'closed';
    },
  };
})();
