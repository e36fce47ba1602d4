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

    public List<InvalidField> errors() {
        return errors;
    }
}
