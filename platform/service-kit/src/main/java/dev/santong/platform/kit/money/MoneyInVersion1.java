package dev.santong.platform.kit.money;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link Money} field of an answer that version 1 of the API wrote as a JSON number (ADR 0011). A client sending
 * {@code API-Version: 2} gets the money object; a client of version 1 (every till and script that sends no version)
 * gets the number under {@link #amount()}, and the currency beside it under {@link #currency()} where the answer had
 * one, or an object of both ({@link #asObject()}). One record, one handler, two shapes; answers written anywhere else (a cache, a column) are not affected.
 */
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface MoneyInVersion1 {

    /** The name version 1 wrote the number under; the field's own name when empty. */
    String amount() default "";

    /** The name version 1 wrote the currency under, beside the number; none when empty. */
    String currency() default "";

    /** Version 1 wrote an object of the number and the currency ({@code {"amount": 199.00, "currency": "CNY"}}). */
    boolean asObject() default false;
}
