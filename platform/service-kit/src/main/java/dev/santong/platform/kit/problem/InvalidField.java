package dev.santong.platform.kit.problem;

/** One reason a request was refused, naming the JSON field (dotted path) it concerns. */
public record InvalidField(String field, String reason) {
}
