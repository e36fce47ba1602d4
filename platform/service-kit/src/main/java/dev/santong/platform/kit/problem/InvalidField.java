package dev.santong.platform.kit.problem;

/**
 * One reason a request was refused, naming the JSON field (dotted path) or parameter it concerns.
 *
 * @param code   a stable machine code clients may switch on ({@code required}, {@code size}, {@code pattern},
 *               {@code too-small}, {@code too-large}, {@code type}, …; {@code invalid} for a rule of the service's own)
 * @param reason the same for a person, in the request's language where the suite has it (English, Simplified Chinese)
 */
public record InvalidField(String field, String code, String reason) {

    public static final String INVALID = "invalid";

    /** A rule of the service's own, with no code of its own. */
    public InvalidField(String field, String reason) {
        this(field, INVALID, reason);
    }

    /** The stable code of a Bean Validation constraint (its annotation's simple name), or of a Spring binding error code. */
    public static String codeOfConstraint(String constraint) {
        if (constraint == null) {
            return INVALID;
        }
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size", "Length" -> "size";
            case "Pattern" -> "pattern";
            case "Min", "DecimalMin", "Positive", "PositiveOrZero" -> "too-small";
            case "Max", "DecimalMax", "Negative", "NegativeOrZero" -> "too-large";
            case "Digits" -> "digits";
            case "Email" -> "email";
            case "Past", "PastOrPresent", "Future", "FutureOrPresent" -> "time";
            case "typeMismatch" -> "type";
            case "AssertTrue", "AssertFalse" -> INVALID;
            default -> constraint.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        };
    }
}
