package dev.taskfeed.web;

import java.io.Serializable;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The one-line message shown on the page a form redirects to: a message key and an
 * optional argument (a task title, a category name), rendered as text. It waits in the
 * browser's session, which lives in PostgreSQL, so it is serializable.
 */
public record Flash(String key, String argument) implements Serializable {

	public static void add(RedirectAttributes redirect, String key, String argument) {
		redirect.addFlashAttribute("flash", new Flash(key, argument));
	}

}
