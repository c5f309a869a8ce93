package dev.taskfeed.common;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes an error answer straight to the servlet response, for failures met outside
 * Spring MVC (servlet filters, the security chain): problem+json for the REST API and the
 * WebSocket handshake, a small HTML page for everything else. It needs nothing that could
 * itself be failing: no database, no template engine.
 */
public final class ProblemResponses {

	/** Seconds a client should wait before trying again after a 503 or a 429. */
	public static final int RETRY_AFTER_SECONDS = 5;

	private static final JsonMapper JSON = JsonMapper.shared();

	private ProblemResponses() {
	}

	/** The REST API and the feed's handshake speak problem+json; the pages speak HTML. */
	public static boolean isApi(HttpServletRequest request) {
		String path = requestUri(request).substring(request.getContextPath().length());
		return path.equals("/api") || path.startsWith("/api/") || path.equals("/ws") || path.startsWith("/ws/");
	}

	/**
	 * The address the client asked for, also while the error page is being rendered for
	 * it.
	 */
	static String requestUri(HttpServletRequest request) {
		return (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original) ? original
				: request.getRequestURI();
	}

	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
			String detail) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(status.value());
		response.setCharacterEncoding("UTF-8");
		response.setHeader("X-Content-Type-Options", "nosniff");
		if (isApi(request)) {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write(json(status, title, detail, requestUri(request)));
		}
		else {
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			SecurityHeaders.addTo(response);
			response.getWriter().write(html(status, title, detail));
		}
		response.flushBuffer();
	}

	/**
	 * 503 with {@code Retry-After}: TaskFeed is up, but its database is not reachable
	 * right now.
	 */
	public static void serviceUnavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
		response.setHeader("Connection", "close");
		write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", DatabaseFailures.DETAIL);
	}

	static String json(HttpStatus status, String title, String detail, String instance) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", title);
		body.put("status", status.value());
		body.put("detail", detail);
		body.put("instance", instance);
		return JSON.writeValueAsString(body);
	}

	private static String html(HttpStatus status, String title, String detail) {
		String safeTitle = HtmlUtils.htmlEscape(title);
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status.value() + " "
				+ safeTitle + " · TaskFeed</title><link rel=\"stylesheet\" href=\"/css/app.css\"></head>"
				+ "<body><main class=\"narrow error-page\"><div class=\"card center\"><p class=\"error-code\">"
				+ status.value() + "</p><h1>" + safeTitle + "</h1><p class=\"lede\">" + HtmlUtils.htmlEscape(detail)
				+ "</p><a class=\"button primary\" href=\"/tasks\">TaskFeed</a></div></main></body></html>";
	}

}
