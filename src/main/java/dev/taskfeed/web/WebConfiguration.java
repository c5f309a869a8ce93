package dev.taskfeed.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages speak English or Spanish: the language switcher's choice (a cookie) wins,
 * otherwise the best match of the browser's {@code Accept-Language}, otherwise English.
 * No other language is ever chosen, so a page's {@code lang} is the language it shows.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

	private static final String COOKIE_NAME = "taskfeed-lang";

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new SupportedLanguages();
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieSameSite("Lax");
		resolver.setDefaultLocaleFunction(WebConfiguration::preferred);
		return resolver;
	}

	/**
	 * Only a language the pages speak is chosen or kept: {@code ?lang=de}, or a cookie
	 * saying so, would mark an English page as German. Anything else is the default.
	 */
	static final class SupportedLanguages extends CookieLocaleResolver {

		SupportedLanguages() {
			super(COOKIE_NAME);
		}

		@Override
		public Locale resolveLocale(HttpServletRequest request) {
			return supportedOrPreferred(super.resolveLocale(request), request);
		}

		@Override
		public LocaleContext resolveLocaleContext(HttpServletRequest request) {
			LocaleContext chosen = super.resolveLocaleContext(request);
			return new TimeZoneAwareLocaleContext() {

				@Override
				public Locale getLocale() {
					return supportedOrPreferred(chosen.getLocale(), request);
				}

				@Override
				public TimeZone getTimeZone() {
					return (chosen instanceof TimeZoneAwareLocaleContext zoned) ? zoned.getTimeZone() : null;
				}

			};
		}

		@Override
		public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
			Locale locale = (context != null) ? supported(context.getLocale()) : null;
			if (locale != null) {
				super.setLocaleContext(request, response, new SimpleLocaleContext(locale));
				return;
			}
			// no choice, or one the pages cannot honour: the cookie goes and the default
			// applies; not through super, which writes the last choice it was given
			// (anyone's: it keeps it in a field) instead of deleting the cookie
			response.addHeader(HttpHeaders.SET_COOKIE,
					ResponseCookie.from(COOKIE_NAME, "").path("/").maxAge(0).sameSite("Lax").build().toString());
			request.setAttribute(LOCALE_REQUEST_ATTRIBUTE_NAME, preferred(request));
		}

	}

	private static Locale supportedOrPreferred(Locale locale, HttpServletRequest request) {
		Locale supported = supported(locale);
		return (supported != null) ? supported : preferred(request);
	}

	/** The language of ours that {@code locale} names, if the pages speak it. */
	static Locale supported(Locale locale) {
		if (locale == null) {
			return null;
		}
		for (Locale language : LANGUAGES) {
			if (language.getLanguage().equals(locale.getLanguage())) {
				return language;
			}
		}
		return null;
	}

	static Locale preferred(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") != null) {
			for (Locale wanted : java.util.Collections.list(request.getLocales())) {
				Locale language = supported(wanted);
				if (language != null) {
					return language;
				}
			}
		}
		return Locale.ENGLISH;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change).excludePathPatterns("/api/**");
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/", "/tasks");
	}

}
