package dev.taskfeed.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The page asked for before signing in, kept in a cookie ({@code REDIRECT_URI}, the
 * base64 of the page's absolute URL) as Spring Security's {@link CookieRequestCache}
 * writes it. The cookie comes back from the client, who may have forged it: it is read
 * only if it holds what TaskFeed itself would have saved (an http or https URL naming a
 * page's path, and a query), and otherwise is as good as absent, never a failure.
 */
final class SavedPageCookie extends CookieRequestCache {

	static final String COOKIE_NAME = "REDIRECT_URI";

	/** Longer than any address a page links to; the cookie is the client's to fill. */
	private static final int MAX_LENGTH = 2048;

	/** Segments of RFC 3986 path characters, none of them empty ({@code //}). */
	private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*/?");

	private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*");

	private static final Pattern DOTS = Pattern.compile("(\\.|%2e){1,2}", Pattern.CASE_INSENSITIVE);

	/** Addresses that are not pages, or that no one returns to after signing in. */
	private static final List<String> NOT_PAGES = List.of("/api", "/ws", "/login", "/register", "/logout", "/error");

	@Override
	public SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
		if (savedPath(request).isEmpty()) {
			return null;
		}
		try {
			return super.getRequest(request, response);
		}
		catch (RuntimeException unreadable) {
			return null;
		}
	}

	/**
	 * The path and query of the page the cookie names, if it names one of this site's.
	 */
	static Optional<String> savedPath(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		for (Cookie cookie : cookies) {
			if (COOKIE_NAME.equals(cookie.getName())) {
				return pathOf(decode(cookie.getValue()));
			}
		}
		return Optional.empty();
	}

	private static String decode(String value) {
		if (value == null || value.isEmpty() || value.length() > MAX_LENGTH * 2) {
			return null;
		}
		try {
			return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException notBase64) {
			return null;
		}
	}

	/**
	 * The path and query of an absolute http or https URL, whatever host it names (the
	 * redirect is relative, so it stays on this site), if the path is one of a page.
	 */
	static Optional<String> pathOf(String url) {
		if (url == null || url.isEmpty() || url.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String path = uri.getRawPath();
		String query = uri.getRawQuery();
		if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawFragment() != null
				|| path == null || !path.startsWith("/") || !PATH.matcher(path).matches()
				|| (query != null && !QUERY.matcher(query).matches()) || !isPage(path)) {
			return Optional.empty();
		}
		return Optional.of((query != null) ? path + "?" + query : path);
	}

	private static boolean isPage(String path) {
		for (String segment : path.split("/")) {
			if (DOTS.matcher(segment).matches()) {
				return false;
			}
		}
		String lower = path.toLowerCase(Locale.ROOT);
		return NOT_PAGES.stream().noneMatch((prefix) -> lower.equals(prefix) || lower.startsWith(prefix + "/"));
	}

}
