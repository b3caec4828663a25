package dev.wacalls.error;

import java.util.HashMap;
import java.util.Map;

/**
 * Every error code Meta documents for calling (138000–138023) and the messaging and Graph codes a calling
 * integration meets. Codes 138008, 138010, 138011 and 138016 are not documented by Meta and map to
 * {@link #UNKNOWN} (the raw number stays available on the exception).
 */
public enum MetaErrorCode {
    UNKNOWN(-1, "Unknown error code", 0),
    INVALID_PARAMETER(100, "Invalid parameter (SDP validation details in error_data)", 400),
    API_TOO_MANY_CALLS(4, "Application request limit reached", 400),
    ACCESS_TOKEN_EXPIRED(190, "Access token expired or invalid", 401),
    PERMISSION_DENIED(10, "Permission denied", 403),
    PERMISSION_NOT_GRANTED(200, "Permission not granted or removed", 403),
    PERMISSION_RATE_LIMIT(613, "Call permission API rate limit hit", 429),
    BUSINESS_RATE_LIMIT(80007, "WhatsApp Business Account rate limit hit", 429),
    MESSAGE_RATE_LIMIT(130429, "Cloud API message throughput reached", 429),
    INTERACTIVE_NOT_SUPPORTED(131009, "Interactive voice_call not supported for the sender's country", 400),
    RECEIVER_APP_TOO_OLD(131026, "Receiver cannot receive this message (WhatsApp too old)", 400),
    RECIPIENT_NOT_ALLOWED(131030, "Recipient not in the allowed list (test numbers)", 400),
    NO_PAYMENT_METHOD(131044, "No valid payment method attached", 400),
    SIP_ENABLED(131055, "Graph calling API not allowed: SIP is enabled on this number", 400),
    CALLING_NOT_ENABLED(138000, "Calling is not enabled for this business number", 401),
    RECEIVER_UNCALLABLE(138001, "Receiver cannot be called", 400),
    CONCURRENT_CALL_LIMIT(138002, "Concurrent call limit (1,000) reached", 429),
    DUPLICATE_CALL(138003, "A call with this receiver is already in progress", 400),
    CONNECTION_ERROR(138004, "Connection error, retry", 500),
    CALL_RATE_LIMIT(138005, "Call rate limit for this business number exceeded", 429),
    NO_CALL_PERMISSION(138006, "No approved call permission from this user", 401),
    CONNECT_TIMEOUT(138007, "Connect timeout: the SDP offer or answer was not applied in time", 500),
    PERMISSION_REQUEST_LIMIT(138009, "Call permission request limit hit", 400),
    CONNECTED_CALL_LIMIT(138012, "Business-initiated connected call limit (per user per 24 h) hit", 400),
    BUSINESS_CALLING_UNAVAILABLE(138013, "Business-initiated calling is not available for this number's country", 400),
    CALLING_TEMPORARILY_DISABLED(138014, "Calling temporarily disabled (low call quality)", 400),
    CALLING_CANNOT_BE_ENABLED(138015, "Calling cannot be enabled: messaging limit below 2,000", 400),
    PERMANENT_PERMISSION_EXISTS(138017, "A permanent call permission already exists", 400),
    PREREQUISITES_NOT_MET(138018, "No app subscribed to the calls webhook and no SIP configured", 400),
    CALL_SETUP_FAILED(138019, "Call setup failed", 400),
    RELAY_CONNECTION_FAILED(138020, "Connection to the media relay failed", 400),
    MEDIA_RECEIVE_TIMEOUT(138021, "No media received from the business (media receive timeout)", 400),
    MEDIA_TRANSMIT_TIMEOUT(138022, "Media could not be sent to the business (media transmit timeout)", 400),
    NO_MEDIA_AFTER_ACCEPT(138023, "Call accepted but terminated with no media", 400);

    private static final Map<Integer, MetaErrorCode> BY_CODE = new HashMap<>();

    static {
        for (MetaErrorCode c : values()) {
            if (c != UNKNOWN) {
                BY_CODE.put(c.code, c);
            }
        }
    }

    private final int code;
    private final String description;
    private final int httpStatus;

    MetaErrorCode(int code, String description, int httpStatus) {
        this.code = code;
        this.description = description;
        this.httpStatus = httpStatus;
    }

    /** The numeric code, -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The HTTP status Meta documents for this code (0 when not documented). */
    public int documentedHttpStatus() {
        return httpStatus;
    }

    public static MetaErrorCode of(int code) {
        return BY_CODE.getOrDefault(code, UNKNOWN);
    }
}
