package dev.taskfeed.web;

import org.springframework.beans.ConfigurablePropertyAccessor;
import org.springframework.ui.Model;
import org.springframework.validation.AbstractPropertyBindingResult;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;

/**
 * A form record drawn again: a copy with something changed (the version it now stands on,
 * the project whose fields it offers) takes the place of the one that was sent, and keeps
 * the errors found on it. Also for the form as it was sent when one of its fields could
 * not be converted: Spring then leaves the model without the record it built.
 */
public final class FormRedraw {

	private FormRedraw() {
	}

	/**
	 * Puts {@code form} into the model under {@code name}, with the sent form's errors.
	 */
	public static void replace(Model model, String name, Object form) {
		if (model.getAttribute(name) == form) {
			return;
		}
		String errorsKey = BindingResult.MODEL_KEY_PREFIX + name;
		Object sent = model.getAttribute(errorsKey);
		// the model drops a form's errors as soon as another object takes its name
		model.addAttribute(name, form);
		if (sent instanceof BindingResult errors) {
			BeanPropertyBindingResult shown = new BeanPropertyBindingResult(form, name);
			if (errors instanceof AbstractPropertyBindingResult bound && bound.getTarget() != null) {
				// fields are shown as they were bound (a date in ISO form)
				ConfigurablePropertyAccessor accessor = bound.getPropertyAccessor();
				if (accessor.getConversionService() != null) {
					shown.initConversion(accessor.getConversionService());
				}
			}
			shown.addAllErrors(errors);
			model.addAttribute(errorsKey, shown);
		}
	}

}
