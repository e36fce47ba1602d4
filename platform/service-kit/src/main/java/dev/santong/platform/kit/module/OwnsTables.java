package dev.santong.platform.kit.module;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a module's {@code package-info.java}: the tables this module owns. Only the owner's code writes SQL that names
 * them; other modules go through the owner's API or its events. The build checks both (test-kit's ModuleStructure).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface OwnsTables {

    String[] value();
}
