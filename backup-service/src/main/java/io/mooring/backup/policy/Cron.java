package io.mooring.backup.policy;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The annotated text is a {@link CronSchedule} expression; {@code null} is left to {@code @NotNull}. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Constraint(validatedBy = {})
public @interface Cron {
    String message() default "must be a five-field cron expression";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
