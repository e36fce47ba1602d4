package dev.santong.platform.kit.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A list that answered a bare JSON array before every list answered a {@link Page} (ADR 0011). The handler answers
 * the page; a client of API version 1 (no {@code API-Version} header, as every till and script written before) gets
 * the page's items alone, as it always did, and a client sending {@code API-Version: 2} gets items and next.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface BareInVersion1 {
}
