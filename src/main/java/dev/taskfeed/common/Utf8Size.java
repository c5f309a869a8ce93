package dev.taskfeed.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A length counted in UTF-8 bytes, not characters: bcrypt reads at most 72 bytes of a
 * password, so a longer one would be silently cut.
 */
@Documented
@Constraint(validatedBy = Utf8Size.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface Utf8Size {

	String message() default "must be between {min} and {max} bytes long";

	int min() default 0;

	int max() default Integer.MAX_VALUE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<Utf8Size, String> {

		private int min;

		private int max;

		@Override
		public void initialize(Utf8Size annotation) {
			this.min = annotation.min();
			this.max = annotation.max();
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			int length = value.getBytes(StandardCharsets.UTF_8).length;
			return length >= this.min && length <= this.max;
		}

	}

}
