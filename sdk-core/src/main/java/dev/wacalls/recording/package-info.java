/**
 * Where call recordings live once a call is over: the {@link dev.wacalls.recording.RecordingStorage} SPI, the
 * {@link dev.wacalls.recording.Recording} a call record points at (the stereo file, the two source tracks and the
 * 16 kHz speech files, each with its size, duration and SHA-256), and
 * {@link dev.wacalls.recording.FileSystemRecordingStorage}, one folder per call under a root directory. No media
 * library here: sdk-media's recorder and finaliser write into the folder a storage reserves.
 */
@NullMarked
package dev.wacalls.recording;

import org.jspecify.annotations.NullMarked;
