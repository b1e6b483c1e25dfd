package io.mooring.backup.policy;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

/** Checks {@link Cron} and reports the parser's reason, e.g. "minute must be between 0 and 59, was 61". */
@Singleton
class CronValidator implements ConstraintValidator<Cron, String> {

    @Override
    public boolean isValid(@Nullable String value, @NonNull AnnotationValue<Cron> annotation,
                           @NonNull ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            CronSchedule.parse(value);
            return true;
        } catch (IllegalArgumentException e) {
            context.messageTemplate(e.getMessage());
            return false;
        }
    }
}
