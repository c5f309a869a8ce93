package dev.taskfeed.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What every page's layout needs: links to this same page in each language. */
@ControllerAdvice(annotations = PageController.class)
class PageModel {

	@ModelAttribute("languageLinks")
	Map<String, String> languageLinks(HttpServletRequest request) {
		Map<String, String> links = new LinkedHashMap<>();
		boolean get = "GET".equals(request.getMethod());
		for (Locale language : WebConfiguration.LANGUAGES) {
			UriComponentsBuilder link = UriComponentsBuilder.fromPath(request.getRequestURI());
			if (get && request.getQueryString() != null) {
				link.query(request.getQueryString());
			}
			links.put(language.getLanguage(),
					link.replaceQueryParam("lang", language.getLanguage()).build().toUriString());
		}
		return links;
	}

}
