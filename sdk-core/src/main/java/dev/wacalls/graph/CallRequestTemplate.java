package dev.wacalls.graph;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The definition of a "Call Request" message template: a body plus the {@code call_permission_request}
 * component, so a permission request can be sent outside a customer-service window.
 *
 * <pre>{@code
 * CallRequestTemplate t = CallRequestTemplate.defaults("en");
 * // or
 * new CallRequestTemplate("interview_call_request", "en", TemplateCategory.UTILITY,
 *         "Hi {{1}}, may we call you about your application for {{2}}?", List.of("Alex", "Data Engineer"));
 * }</pre>
 *
 * @param name lower case letters, digits and underscores, at most 512
 * @param language e.g. {@code en}, {@code en_US}, {@code pt_BR}
 * @param category MARKETING or UTILITY
 * @param bodyText the body, with {@code {{1}}}, {@code {{2}}}… placeholders; at most 1,024 characters
 * @param bodyExamples one example value per placeholder (Meta requires them for review)
 */
public record CallRequestTemplate(
        String name, String language, TemplateCategory category, String bodyText, List<String> bodyExamples) {

    /** The name the activation job creates and looks for. */
    public static final String DEFAULT_NAME = "wacalls_call_request";

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([0-9]+)}}");

    public CallRequestTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(bodyText, "bodyText");
        bodyExamples = List.copyOf(bodyExamples);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("template name must be lower case letters, digits and _: " + name);
        }
        if (!language.matches("[a-z]{2,3}(_[A-Z]{2})?")) {
            throw new IllegalArgumentException("language must look like en or en_US: " + language);
        }
        if (category != TemplateCategory.MARKETING && category != TemplateCategory.UTILITY) {
            throw new IllegalArgumentException("a call-permission template must be MARKETING or UTILITY");
        }
        if (bodyText.isBlank() || bodyText.length() > 1024) {
            throw new IllegalArgumentException("body must have 1 to 1024 characters");
        }
        int placeholders = 0;
        Matcher m = PLACEHOLDER.matcher(bodyText);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n != placeholders + 1) {
                throw new IllegalArgumentException("placeholders must be {{1}}, {{2}}, … in order");
            }
            placeholders = n;
        }
        if (placeholders != bodyExamples.size()) {
            throw new IllegalArgumentException("the body has " + placeholders + " placeholders but "
                    + bodyExamples.size() + " examples were given");
        }
    }

    /** The template the daily activation job creates: UTILITY, one placeholder for the company name. */
    public static CallRequestTemplate defaults(String language) {
        return new CallRequestTemplate(DEFAULT_NAME, language, TemplateCategory.UTILITY,
                "Hello! {{1}} would like to call you on WhatsApp about your application. "
                        + "Tap below to let us call you.",
                List.of("Acme Recruiting"));
    }
}
