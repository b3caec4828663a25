package dev.wacalls.webhook;

import org.jspecify.annotations.Nullable;

/**
 * A file Meta made available (a call recording or transcript). The URL is valid for 5 minutes; afterwards ask
 * the Media API for a new one with {@link #id()}. Meta keeps the file 7 days.
 *
 * @param id the media id
 * @param sha256 the file's SHA-256, to check the download
 * @param mimeType e.g. {@code audio/ogg; codecs=opus} or {@code application/json}
 * @param url the short-lived download URL
 */
public record MediaFile(String id, @Nullable String sha256, @Nullable String mimeType, @Nullable String url) {}
