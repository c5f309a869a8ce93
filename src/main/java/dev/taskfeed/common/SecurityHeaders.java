package dev.taskfeed.common;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of TaskFeed's pages, in one place: Spring Security sends them with
 * every page, and {@link ProblemResponses} with the HTML answers written before Spring
 * Security runs.
 */
public final class SecurityHeaders {

	/**
	 * Scripts, styles, images and fonts come from TaskFeed itself, no script is inline,
	 * the feed's WebSocket goes back to the same host, no other site may frame a page,
	 * and forms post only here.
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	public static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
			+ "interest-cohort=()";

	private SecurityHeaders() {
	}

	/** The page headers, on an HTML answer written outside Spring Security. */
	static void addTo(HttpServletResponse response) {
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
		response.setHeader("Referrer-Policy", "same-origin");
		response.setHeader("X-Frame-Options", "DENY");
	}

}
