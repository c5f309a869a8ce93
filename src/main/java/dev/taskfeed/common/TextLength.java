package dev.taskfeed.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A length in characters as people and PostgreSQL's {@code varchar} count them (Unicode
 * code points), not in UTF-16 units as {@code @Size} does: an emoji is one character, not
 * two. The message states the real bounds.
 */
@Documented
@Constraint(validatedBy = TextLength.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface TextLength {

	/** The default is replaced by one that states the bounds ({@link Validator}). */
	String message() default "must be between {min} and {max} characters long";

	int min() default 0;

	int max() default Integer.MAX_VALUE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<TextLength, String> {

		private int min;

		private int max;

		@Override
		public void initialize(TextLength annotation) {
			this.min = annotation.min();
			this.max = annotation.max();
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			int length = value.codePointCount(0, value.length());
			if (length >= this.min && length <= this.max) {
				return true;
			}
			if (this.min == 0) {
				context.disableDefaultConstraintViolation();
				context.buildConstraintViolationWithTemplate("must be at most {max} characters long")
					.addConstraintViolation();
			}
			return false;
		}

	}

}
