package dev.santong.platform.kit.money;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field version 1 answered and version 2 replaced (ADR 0011), e.g. a sum of amounts without a currency beside its
 * amounts per currency: written to version 1 clients only. Pair it with {@code @Schema(hidden = true)}: the documents
 * show version 2.
 */
@Target({ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Version1Only {
}
