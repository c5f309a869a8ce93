package dev.taskfeed.common;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.util.HtmlUtils;

/**
 * TaskFeed's one shape of an error answer, and its writer for failures met outside Spring
 * MVC (servlet filters, the security chain, API requests no controller took):
 * problem+json for the REST API and the WebSocket handshake, a line of plain text for
 * calendar apps, a small HTML page for everything else. The REST controllers' advice
 * answers with the same {@link #problem} through Spring MVC, so both read alike byte for
 * byte. It needs nothing that could itself be failing: no database, no template engine.
 */
public final class ProblemResponses {

	/** Seconds a client should wait before trying again after a 503 or a 429. */
	public static final int RETRY_AFTER_SECONDS = 5;

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private ProblemResponses() {
	}

	/** The REST API and the feed's handshake speak problem+json; the pages speak HTML. */
	public static boolean isApi(HttpServletRequest request) {
		String path = path(request);
		return path.equals("/api") || path.startsWith("/api/") || path.equals("/ws") || path.startsWith("/ws/");
	}

	/** The form of an error answer. */
	public enum Form {

		/** RFC 9457 {@code application/problem+json}. */
		PROBLEM_JSON,

		/** An HTML page, as browsers get. */
		HTML,

		/** A line of plain text, for calendar apps. */
		PLAIN_TEXT

	}

	/**
	 * How an error is answered at this address: problem+json under {@code /api} and
	 * {@code /ws}; plain text at a calendar address ({@code /calendar/*.ics}: calendar
	 * apps show neither HTML nor JSON); elsewhere the HTML page, whatever the
	 * {@code Accept} header. Never Spring Boot's own error JSON.
	 */
	public static Form formFor(HttpServletRequest request) {
		if (isApi(request)) {
			return Form.PROBLEM_JSON;
		}
		String path = path(request);
		return (path.startsWith("/calendar/") && path.endsWith(".ics")) ? Form.PLAIN_TEXT : Form.HTML;
	}

	private static String path(HttpServletRequest request) {
		return requestUri(request).substring(request.getContextPath().length());
	}

	/**
	 * The address the client asked for, also while the error page is being rendered for
	 * it.
	 */
	static String requestUri(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original) {
			return original;
		}
		// none when Tomcat could not read the request line
		return (request.getRequestURI() != null) ? request.getRequestURI() : "";
	}

	/**
	 * An RFC 9457 problem: {@code type} about:blank, this status, title and detail; the
	 * writer fills in {@code instance}.
	 */
	public static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
		ProblemDetail problem = new Problem(status.value());
		// said outright: Spring leaves it out, meaning the same
		problem.setType(ABOUT_BLANK);
		problem.setTitle(title);
		problem.setDetail(detail);
		return problem;
	}

	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
			String detail) throws IOException {
		write(request, response, problem(status, title, detail), HttpHeaders.EMPTY);
	}

	/**
	 * Writes the problem with these headers (an {@code Allow}, say), in the form
	 * {@link #formFor} chooses.
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem,
			HttpHeaders headers) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(problem.getStatus());
		headers.forEach((name, values) -> {
			if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
				values.forEach((value) -> response.addHeader(name, value));
			}
		});
		response.setHeader("X-Content-Type-Options", "nosniff");
		Form form = formFor(request);
		if (form == Form.PROBLEM_JSON) {
			if (problem.getInstance() == null) {
				problem.setInstance(instance(request));
			}
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			writeBody(response, JSON.writeValueAsBytes(problem));
		}
		else if (form == Form.PLAIN_TEXT) {
			response.setCharacterEncoding("UTF-8");
			response.setContentType(MediaType.TEXT_PLAIN_VALUE);
			response.getWriter()
				.write(problem.getStatus() + " " + problem.getTitle() + ": " + problem.getDetail() + "\n");
		}
		else {
			response.setCharacterEncoding("UTF-8");
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			SecurityHeaders.addTo(response);
			response.getWriter().write(html(problem));
		}
		response.flushBuffer();
	}

	/**
	 * The address asked for, or none where it is not a URI reference (Tomcat answers
	 * addresses it could not decode).
	 */
	private static URI instance(HttpServletRequest request) {
		try {
			return URI.create(requestUri(request));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
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

	/**
	 * JSON is UTF-8 bytes, so the Content-Type carries no charset, as Spring MVC's does.
	 */
	private static void writeBody(HttpServletResponse response, byte[] json) throws IOException {
		try {
			response.getOutputStream().write(json);
		}
		catch (IllegalStateException writerInUse) {
			// whatever failed had already asked for the writer
			response.getWriter().write(new String(json, StandardCharsets.UTF_8));
		}
	}

	private static String html(ProblemDetail problem) {
		String safeTitle = HtmlUtils.htmlEscape(problem.getTitle());
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + problem.getStatus() + " "
				+ safeTitle + " · TaskFeed</title><link rel=\"stylesheet\" href=\"/css/app.css\"></head>"
				+ "<body><main class=\"narrow error-page\"><div class=\"card center\"><p class=\"error-code\">"
				+ problem.getStatus() + "</p><h1>" + safeTitle + "</h1><p class=\"lede\">"
				+ HtmlUtils.htmlEscape(problem.getDetail())
				+ "</p><a class=\"button primary\" href=\"/tasks\">TaskFeed</a></div></main></body></html>";
	}

	/**
	 * Its members in RFC 9457's order and {@code errors} after them, written the same by
	 * any JSON mapper: Spring MVC's sorts names alphabetically.
	 */
	@JsonInclude(JsonInclude.Include.NON_EMPTY)
	@JsonPropertyOrder({ "type", "title", "status", "detail", "instance" })
	static final class Problem extends ProblemDetail {

		Problem(int status) {
			super(status);
		}

		@Override
		@JsonAnyGetter
		public Map<String, Object> getProperties() {
			return super.getProperties();
		}

	}

}
