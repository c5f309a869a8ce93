package dev.taskfeed.common;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 (with the challenges TaskFeed accepts) and 403 for the REST API and the WebSocket
 * handshake, as problem+json; never a redirect to the login page.
 */
public class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	public ApiAuthenticationEntryPoint(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		// Scripts from our own pages say who they are, so the browser does not pop up a password dialog.
		if (request.getHeader("X-Requested-With") == null) {
			response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"TaskFeed\", charset=\"UTF-8\"");
		}
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"TaskFeed\"");
		write(response, 401, "Unauthorized", (request.getHeader(HttpHeaders.AUTHORIZATION) != null)
				? "The credentials were not accepted." : "Sign in with HTTP Basic, a Bearer API token or a session.",
				request);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		write(response, 403, "Forbidden", "This request is not allowed.", request);
	}

	private void write(HttpServletResponse response, int status, String title, String detail,
			HttpServletRequest request) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", title);
		body.put("status", status);
		body.put("detail", detail);
		body.put("instance", request.getRequestURI());
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), body);
	}

}
