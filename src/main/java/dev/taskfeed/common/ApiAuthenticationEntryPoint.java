package dev.taskfeed.common;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 (with the challenges TaskFeed accepts) and 403 for the REST API and the WebSocket
 * handshake, as problem+json; never a redirect to the login page.
 */
public class ApiAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (DatabaseFailures.isUnavailable(authException)) {
			// the credentials could not be checked at all: that is not the client's fault
			ProblemResponses.serviceUnavailable(request, response);
			return;
		}
		// Scripts from our own pages say who they are,
		// so the browser does not pop up a password dialog.
		if (request.getHeader("X-Requested-With") == null) {
			response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"TaskFeed\", charset=\"UTF-8\"");
		}
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"TaskFeed\"");
		ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
				(request.getHeader(HttpHeaders.AUTHORIZATION) != null) ? "The credentials were not accepted."
						: "Sign in with HTTP Basic, a Bearer API token or a session.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "This request is not allowed.");
	}

}
