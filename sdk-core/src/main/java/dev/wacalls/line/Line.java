package dev.wacalls.line;

import dev.wacalls.graph.RequestOptions;
import dev.wacalls.id.PhoneNumberId;
import dev.wacalls.id.WabaId;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A business line: one WhatsApp phone number of one organisation (an ATS customer), with the credentials to
 * act on it once they have been retrieved (e.g. after Embedded Signup).
 *
 * <pre>{@code
 * Line line = Line.awaitingCredentials("org-42", PhoneNumberId.of("106540352242922"), "Acme London");
 * // later, when the credentials have been synced:
 * line = line.withCredentials(WabaId.of("102290129340398"),
 *         RequestOptions.builder().accessToken(systemUserToken).build());
 * }</pre>
 *
 * @param organisationId the ATS's id of the organisation that owns the line
 * @param phoneNumberId the line's Graph id
 * @param wabaId its WhatsApp Business Account; null until the credentials arrive (it may also be set on the
 *     credentials instead)
 * @param credentials the access token (and anything else) for requests on this line; null means the credentials
 *     have not been retrieved yet
 * @param displayName how the admin UI names the line
 */
public record Line(
        String organisationId,
        PhoneNumberId phoneNumberId,
        @Nullable WabaId wabaId,
        @Nullable RequestOptions credentials,
        String displayName) {

    public Line {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** A line known to the ATS whose credentials have not been synced yet. */
    public static Line awaitingCredentials(String organisationId, PhoneNumberId phoneNumberId, String displayName) {
        return new Line(organisationId, phoneNumberId, null, null, displayName);
    }

    /** This line, once its credentials have been retrieved. */
    public Line withCredentials(WabaId wabaId, RequestOptions credentials) {
        return new Line(organisationId, phoneNumberId, Objects.requireNonNull(wabaId, "wabaId"),
                Objects.requireNonNull(credentials, "credentials"), displayName);
    }

    /**
     * Whether requests can be made for this line: the credentials are there and the WhatsApp Business Account is
     * known, since the Call Request template is created on the account.
     */
    public boolean credentialsRetrieved() {
        return credentials != null && (wabaId != null || credentials.wabaId().isPresent());
    }

    /**
     * The options for a request on this line: its credentials, addressed to its phone number and account. Empty
     * while {@link #credentialsRetrieved()} is false.
     */
    public Optional<RequestOptions> requestOptions() {
        if (!credentialsRetrieved()) {
            return Optional.empty();
        }
        RequestOptions.Builder b = Objects.requireNonNull(credentials).toBuilder().phoneNumberId(phoneNumberId);
        if (wabaId != null) {
            b.wabaId(wabaId);
        }
        return Optional.of(b.build());
    }
}
