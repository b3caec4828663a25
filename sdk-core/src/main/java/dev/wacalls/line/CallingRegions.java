package dev.wacalls.line;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where Meta's calling is not available, by the business number's country (libphonenumber) and, for the occupied
 * regions of Ukraine, by area code.
 *
 * <p>Meta: calling is not supported in Cuba, Iran, North Korea, Syria and the Crimea, Donetsk and Luhansk regions
 * of Ukraine; business-initiated calling through the developer platform is not available for business numbers of
 * the United States, Canada, Egypt, Vietnam and Nigeria (it depends on the business number's country code, not on
 * where the user is). Some third-party lists add Turkey; Meta's own pages of March and June 2026 do not, so it is
 * not listed here.
 *
 * <p>The occupied regions cannot be told by country: their numbers are Ukrainian ({@code +380}) or, since 2014,
 * Russian ({@code +7}), and libphonenumber reports them as valid numbers of {@code UA} or {@code RU}. So they are
 * matched on the start of the national number, by the area and operator codes of the public numbering plans as of
 * 2026:
 * <ul>
 *   <li>Ukrainian: {@code 65} Crimea, {@code 692} Sevastopol, {@code 62} Donetsk oblast, {@code 64} Luhansk
 *       oblast, and the operator codes used there since 2014, {@code 71} (Phoenix, Donetsk) and {@code 72}
 *       (Lugacom, Luhansk);
 *   <li>Russian numbering used there since 2014: {@code 978} Crimea mobile, {@code 365x} Crimea geographic,
 *       {@code 869} Sevastopol, {@code 949} Donetsk mobile, {@code 959} Luhansk mobile, {@code 856} Donetsk
 *       geographic, {@code 857} Luhansk geographic.
 * </ul>
 * The oblast codes 62 and 64 also cover the parts of those oblasts Ukraine holds: numbering does not follow the
 * front line, and for a sanctions rule refusing too much is the safer mistake. Codes of other occupied areas are
 * not matched, since Meta's list names only these three regions.
 */
final class CallingRegions {
    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

    private static final Map<String, String> NO_CALLING =
            Map.of("CU", "Cuba", "IR", "Iran", "KP", "North Korea", "SY", "Syria");

    private static final Map<String, String> NO_BUSINESS_CALLING = Map.of(
            "US", "the United States", "CA", "Canada", "EG", "Egypt", "VN", "Vietnam", "NG", "Nigeria");

    /** An area or operator code of an occupied region: a country calling code and a national-number prefix. */
    private record Area(int countryCode, String prefix, String subdivision, String place) {}

    private static final String CRIMEA = "UA-43";
    private static final String SEVASTOPOL = "UA-40";
    private static final String DONETSK = "UA-14";
    private static final String LUHANSK = "UA-09";

    private static final List<Area> OCCUPIED = List.of(
            new Area(380, "65", CRIMEA, "Crimea"),
            new Area(380, "692", SEVASTOPOL, "Sevastopol (Crimea)"),
            new Area(380, "62", DONETSK, "the Donetsk region"),
            new Area(380, "64", LUHANSK, "the Luhansk region"),
            new Area(380, "71", DONETSK, "the Donetsk region"),
            new Area(380, "72", LUHANSK, "the Luhansk region"),
            new Area(7, "978", CRIMEA, "Crimea"),
            new Area(7, "365", CRIMEA, "Crimea"),
            new Area(7, "869", SEVASTOPOL, "Sevastopol (Crimea)"),
            new Area(7, "949", DONETSK, "the Donetsk region"),
            new Area(7, "959", LUHANSK, "the Luhansk region"),
            new Area(7, "856", DONETSK, "the Donetsk region"),
            new Area(7, "857", LUHANSK, "the Luhansk region"));

    private CallingRegions() {}

    /** The region restriction of this business number, if any. */
    static Optional<IneligibilityReason> restriction(String phoneNumber) {
        Phonenumber.PhoneNumber number = parse(phoneNumber);
        if (number == null) {
            return Optional.of(IneligibilityReason.unknownCountry(phoneNumber));
        }
        String national = PHONE_NUMBERS.getNationalSignificantNumber(number);
        for (Area area : OCCUPIED) {
            if (area.countryCode() == number.getCountryCode() && national.startsWith(area.prefix())) {
                return Optional.of(IneligibilityReason.regionRestricted(area.subdivision(), area.place()));
            }
        }
        String country = countryOf(number);
        if (country == null) {
            return Optional.of(IneligibilityReason.unknownCountry(phoneNumber));
        }
        if (NO_CALLING.containsKey(country)) {
            return Optional.of(IneligibilityReason.regionRestricted(country, NO_CALLING.get(country)));
        }
        if (NO_BUSINESS_CALLING.containsKey(country)) {
            return Optional.of(IneligibilityReason.businessCallingUnavailable(country, NO_BUSINESS_CALLING.get(country)));
        }
        return Optional.empty();
    }

    /** Meta displays numbers as {@code +44 7700 900123} or as bare digits; both are international. */
    private static Phonenumber.@Nullable PhoneNumber parse(String phoneNumber) {
        String digits = phoneNumber.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return null;
        }
        try {
            return PHONE_NUMBERS.parse("+" + digits, "ZZ");
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * The ISO country of the number. A number libphonenumber does not know as valid (a reserved drama range, a
     * range opened after the metadata) gets the main country of its calling code, e.g. GB for +44, so that a
     * number is not refused only because the metadata is behind.
     */
    private static @Nullable String countryOf(Phonenumber.PhoneNumber number) {
        String region = PHONE_NUMBERS.isValidNumber(number) ? PHONE_NUMBERS.getRegionCodeForNumber(number) : null;
        if (region == null) {
            region = PHONE_NUMBERS.getRegionCodeForCountryCode(number.getCountryCode());
        }
        // ZZ: no such calling code; 001: non-geographic (+800, +882…), which has no country to allow.
        return region == null || region.equals(PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY) || region.equals("ZZ")
                ? null
                : region;
    }
}
