package dev.santong.platform.kit.problem;

import java.util.List;

/** A request that passed bean validation but breaks a rule only the service can check (a phone number that does not exist, say). */
public class InvalidRequestException extends RuntimeException {

    private final List<InvalidField> errors;

    public InvalidRequestException(List<InvalidField> errors) {
        super(errors.isEmpty() ? "invalid request" : errors.getFirst().field() + ": " + errors.getFirst().reason());
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String reason) {
        this(List.of(new InvalidField(field, reason)));
    }

    /** @param code a stable code of this refusal's own (see {@link InvalidField}) */
    public InvalidRequestException(String field, String code, String reason) {
        this(List.of(new InvalidField(field, code, reason)));
    }

    /**
     * Refuses a list whose elements do not all match {@code regex}, naming each one ({@code digests[3]}): bean
     * validation on list elements names only the parameter.
     */
    public static void requireEach(String field, List<String> values, String regex, String reason) {
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        List<InvalidField> errors = new java.util.ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || !pattern.matcher(values.get(i)).matches()) {
                errors.add(new InvalidField(field + "[" + i + "]", reason));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    public List<InvalidField> errors() {
        return errors;
    }
}
