package dev.taskfeed.web;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The one-line message shown on the page a form redirects to: a message key and an optional
 * argument (a task title, a category name), rendered as text.
 */
public record Flash(String key, String argument) {

	static void add(RedirectAttributes redirect, String key, String argument) {
		redirect.addFlashAttribute("flash", new Flash(key, argument));
	}

}
