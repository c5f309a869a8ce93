package dev.taskfeed.web;

import jakarta.validation.Validator;

import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Page forms are records bound through their constructor. When one field cannot be
 * converted (a date that is not one), Spring checks the other arguments one by one, which
 * Boot's MVC validator adapter cannot do (it skips them): the pages bind with a validator
 * that can, so a blank title is still shown beside a bad date.
 */
@ControllerAdvice(annotations = PageController.class)
class FormValidation {

	private final SpringValidatorAdapter validator;

	FormValidation(Validator validator) {
		this.validator = new SpringValidatorAdapter(validator);
	}

	@InitBinder
	void validateEachField(WebDataBinder binder) {
		binder.setValidator(this.validator);
	}

}
