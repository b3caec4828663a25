package dev.wacalls.graph;

import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WabaId;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Per-request settings, so that one client serves many businesses: the access token, the business phone number
 * (line), the WhatsApp Business Account, the Graph API version and the retry policy. Anything left unset falls
 * back to what the client was built with.
 *
 * <pre>{@code
 * RequestOptions tenant = RequestOptions.builder()
 *         .accessToken(tenantToken)
 *         .phoneNumberId(PhoneNumberId.of("106540352242922"))
 *         .build();
 * client.calls().terminate(callId, tenant);
 * }</pre>
 */
public final class RequestOptions {
    private static final RequestOptions EMPTY = new Builder().build();

    private final @Nullable String accessToken;
    private final @Nullable PhoneNumberId phoneNumberId;
    private final @Nullable WabaId wabaId;
    private final @Nullable String apiVersion;
    private final @Nullable RetryPolicy retryPolicy;

    private RequestOptions(Builder b) {
        this.accessToken = b.accessToken;
        this.phoneNumberId = b.phoneNumberId;
        this.wabaId = b.wabaId;
        this.apiVersion = b.apiVersion;
        this.retryPolicy = b.retryPolicy;
    }

    /** Options that change nothing: the client's defaults apply. */
    public static RequestOptions none() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.accessToken = accessToken;
        b.phoneNumberId = phoneNumberId;
        b.wabaId = wabaId;
        b.apiVersion = apiVersion;
        b.retryPolicy = retryPolicy;
        return b;
    }

    /** These options, with every unset value taken from {@code defaults}. */
    public RequestOptions withDefaults(RequestOptions defaults) {
        Builder b = toBuilder();
        if (b.accessToken == null) {
            b.accessToken = defaults.accessToken;
        }
        if (b.phoneNumberId == null) {
            b.phoneNumberId = defaults.phoneNumberId;
        }
        if (b.wabaId == null) {
            b.wabaId = defaults.wabaId;
        }
        if (b.apiVersion == null) {
            b.apiVersion = defaults.apiVersion;
        }
        if (b.retryPolicy == null) {
            b.retryPolicy = defaults.retryPolicy;
        }
        return b.build();
    }

    public Optional<String> accessToken() {
        return Optional.ofNullable(accessToken);
    }

    public Optional<PhoneNumberId> phoneNumberId() {
        return Optional.ofNullable(phoneNumberId);
    }

    public Optional<WabaId> wabaId() {
        return Optional.ofNullable(wabaId);
    }

    public Optional<String> apiVersion() {
        return Optional.ofNullable(apiVersion);
    }

    public Optional<RetryPolicy> retryPolicy() {
        return Optional.ofNullable(retryPolicy);
    }

    PhoneNumberId requirePhoneNumberId() {
        if (phoneNumberId == null) {
            throw new IllegalStateException(
                    "no phone-number id: set one on the client builder or in RequestOptions.phoneNumberId(…)");
        }
        return phoneNumberId;
    }

    WabaId requireWabaId() {
        if (wabaId == null) {
            throw new IllegalStateException(
                    "no WhatsApp Business Account id: set one on the client builder or in RequestOptions.wabaId(…)");
        }
        return wabaId;
    }

    @Override
    public String toString() {
        // The token is a secret: never printed.
        return "RequestOptions[phoneNumberId=" + phoneNumberId + ", wabaId=" + wabaId + ", apiVersion=" + apiVersion
                + ", accessToken=" + (accessToken == null ? "unset" : "***") + "]";
    }

    /** Builds {@link RequestOptions}. */
    public static final class Builder {
        private @Nullable String accessToken;
        private @Nullable PhoneNumberId phoneNumberId;
        private @Nullable WabaId wabaId;
        private @Nullable String apiVersion;
        private @Nullable RetryPolicy retryPolicy;

        private Builder() {}

        public Builder accessToken(String accessToken) {
            Objects.requireNonNull(accessToken, "accessToken");
            if (accessToken.isBlank()) {
                throw new IllegalArgumentException("access token must not be blank");
            }
            this.accessToken = accessToken;
            return this;
        }

        public Builder phoneNumberId(PhoneNumberId phoneNumberId) {
            this.phoneNumberId = Objects.requireNonNull(phoneNumberId, "phoneNumberId");
            return this;
        }

        public Builder wabaId(WabaId wabaId) {
            this.wabaId = Objects.requireNonNull(wabaId, "wabaId");
            return this;
        }

        /** A Graph API version such as {@code v24.0}; a string, so new versions need no SDK release. */
        public Builder apiVersion(String apiVersion) {
            this.apiVersion = GraphVersions.check(apiVersion);
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        public RequestOptions build() {
            return new RequestOptions(this);
        }
    }
}
