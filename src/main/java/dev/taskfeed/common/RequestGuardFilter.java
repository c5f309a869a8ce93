package dev.taskfeed.common;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartException;

/**
 * The first thing every request meets, before sessions and security:
 * <ul>
 * <li>input that no part of TaskFeed can read is refused here with a 4xx, in the answer's
 * usual form (problem+json for the API, HTML for pages), and logged at most as one WARN
 * line: a {@code Content-Type} that is malformed or a wildcard, a multipart body without
 * a boundary, percent-escapes in the query that are not UTF-8, a form body that is not
 * UTF-8;</li>
 * <li>a request that fails because the database cannot be reached, wherever that happens
 * (the API token look-up, the browser session, a page), is answered 503 with
 * {@code Retry-After}.</li>
 * </ul>
 */
public class RequestGuardFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(RequestGuardFilter.class);

	private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
			"OPTIONS");

	private static final String ERROR_PATH = "/error";

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			showError(request, response, chain);
			return;
		}
		if (!acceptable(request, response)) {
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (isUnreadableInput(ex)) {
				refuse(request, response, HttpStatus.BAD_REQUEST, "Malformed request",
						"The request could not be read: " + describe(ex));
				return;
			}
			if (!DatabaseFailures.isUnavailable(ex)) {
				throw ex;
			}
			answerOutage(request, response, ex);
		}
	}

	/** A database outage's answer: 503 in the address's usual form, one WARN line. */
	static void answerOutage(HttpServletRequest request, HttpServletResponse response, Throwable ex)
			throws IOException {
		logger.warn("Answered {} {} with 503: the database is unreachable ({})", request.getMethod(),
				LoggedText.address(request.getRequestURI()), rootMessage(ex));
		ProblemResponses.serviceUnavailable(request, response);
	}

	/**
	 * The error page ({@code web/ErrorPages}) is rendered for the failed request,
	 * whatever it carried: it sees neither its parameters nor its body's type (which may
	 * be what failed), and if rendering fails all the same, a plain answer with the
	 * original status goes out instead.
	 */
	private void showError(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException {
		if (ProblemResponses.formFor(request) != ProblemResponses.Form.HTML) {
			// an error the container itself answered for an API address (TRACE, say):
			// problem+json; at a calendar address: plain text
			HttpStatus status = errorStatus(request);
			ProblemResponses.write(request, response, status, status.getReasonPhrase(),
					"The request could not be answered: " + status.getReasonPhrase() + ".");
			return;
		}
		try {
			chain.doFilter(new ErrorPageRequest(request), response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			HttpStatus status = errorStatus(request);
			logger.warn("The error page for {} failed; answered a plain {}: {}",
					LoggedText.address(request.getRequestURI()), status.value(), ex.toString());
			ProblemResponses.write(request, response, status, status.getReasonPhrase(),
					"The request could not be answered.");
		}
	}

	private static HttpStatus errorStatus(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		return (code instanceof Integer value && HttpStatus.resolve(value) != null) ? HttpStatus.valueOf(value)
				: HttpStatus.INTERNAL_SERVER_ERROR;
	}

	/** The failed request as the error page sees it: no parameters, no body. */
	private static final class ErrorPageRequest extends HttpServletRequestWrapper {

		ErrorPageRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getParameter(String name) {
			return null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return Map.of();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.emptyEnumeration();
		}

		@Override
		public String[] getParameterValues(String name) {
			return null;
		}

		@Override
		public String getContentType() {
			return null;
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
					: super.getHeaders(name);
		}

	}

	private boolean acceptable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		return knownMethod(request, response) && notTheErrorPage(request, response)
				&& acceptableContentType(request, response) && acceptableCredentials(request, response)
				&& readableParameters(request, response);
	}

	private static boolean knownMethod(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (STANDARD_METHODS.contains(request.getMethod())) {
			return true;
		}
		response.setHeader(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
		return refuse(request, response, HttpStatus.METHOD_NOT_ALLOWED, "Method Not Allowed",
				"TaskFeed does not answer the method '" + request.getMethod() + "'.");
	}

	/** The error page is where failures are shown, not an address to ask for. */
	private static boolean notTheErrorPage(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (!request.getRequestURI().substring(request.getContextPath().length()).equals(ERROR_PATH)) {
			return true;
		}
		if (ProblemResponses.isApi(request)) {
			return refuse(request, response, HttpStatus.NOT_FOUND, "Not Found", "There is nothing at /error.");
		}
		response.sendError(HttpStatus.NOT_FOUND.value());
		return false;
	}

	private static boolean acceptableContentType(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
		if (contentType == null) {
			return true;
		}
		MediaType mediaType;
		try {
			mediaType = MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			return refuse(request, response, HttpStatus.BAD_REQUEST, "Malformed Content-Type",
					"The Content-Type header is not a media type: " + ex.getMessage());
		}
		if (mediaType.isWildcardType() || mediaType.isWildcardSubtype()) {
			return refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
					"The Content-Type header must name a concrete media type, not '" + mediaType + "'.");
		}
		if (!MediaType.MULTIPART_FORM_DATA.includes(mediaType)) {
			return true;
		}
		if (ProblemResponses.isApi(request)) {
			return refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
					"The API takes JSON bodies (application/json), not multipart/form-data.");
		}
		if (mediaType.getParameter("boundary") == null) {
			return refuse(request, response, HttpStatus.BAD_REQUEST, "Malformed request body",
					"A multipart/form-data body needs a boundary parameter in its Content-Type.");
		}
		return true;
	}

	private static boolean acceptableCredentials(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (!hasNulInBasicCredentials(request)) {
			return true;
		}
		return refuse(request, response, HttpStatus.BAD_REQUEST, "Malformed Authorization header",
				"The Basic credentials contain a NUL character.");
	}

	/**
	 * Reads the parameters now (the query, and the body of a form), so what cannot be
	 * decoded is refused here and not deep inside, or inside the error page.
	 */
	private static boolean readableParameters(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		try {
			if (!hasNul(request.getParameterMap())) {
				return true;
			}
			return refuse(request, response, HttpStatus.BAD_REQUEST, "Malformed request",
					"A parameter contains a NUL character, which no text in TaskFeed may hold.");
		}
		catch (Exception ex) {
			// the Content-Type parsed in acceptableContentType, if there is one
			String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
			MediaType mediaType = (contentType != null) ? MediaType.parseMediaType(contentType) : null;
			boolean form = mediaType != null && (MediaType.APPLICATION_FORM_URLENCODED.includes(mediaType)
					|| MediaType.MULTIPART_FORM_DATA.includes(mediaType));
			return refuse(request, response, HttpStatus.BAD_REQUEST,
					form ? "Malformed request body" : "Malformed query string",
					form ? "The form body could not be read: it must be UTF-8 and well formed."
							: "The query string could not be read: it must be UTF-8 and well formed.");
		}
	}

	private static boolean refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String title, String detail) throws IOException {
		logger.warn("Refused {} {} with {}: {}", request.getMethod(), LoggedText.address(request.getRequestURI()),
				status.value(), detail);
		response.setHeader("Connection", "close");
		ProblemResponses.write(request, response, status, title, detail);
		return false;
	}

	private static boolean hasNul(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (parameter.getKey().indexOf('\0') >= 0) {
				return true;
			}
			for (String value : parameter.getValue()) {
				if (value != null && value.indexOf('\0') >= 0) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean hasNulInBasicCredentials(HttpServletRequest request) {
		return BasicCredentials.decode(request.getHeader(HttpHeaders.AUTHORIZATION))
			.filter((decoded) -> decoded.indexOf('\0') >= 0)
			.isPresent();
	}

	/**
	 * Input a filter further in could not read (a form body, multipart parts, a media
	 * type).
	 */
	private static boolean isUnreadableInput(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof HttpMessageNotReadableException || current instanceof MultipartException
					|| current instanceof InvalidMediaTypeException
					|| current.getClass().getName().equals("org.apache.tomcat.util.http.InvalidParameterException")) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	private static String describe(Throwable ex) {
		return (ex instanceof HttpMessageNotReadableException) ? "the body is not in the form its Content-Type says."
				: "its parameters or body are malformed.";
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
