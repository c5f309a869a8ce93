package dev.taskfeed.user;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.taskfeed.common.BasicCredentials;
import dev.taskfeed.common.ProblemResponses;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds back a password sign-in while {@link SignInThrottle} says its account or address
 * must wait: HTTP Basic gets 429 problem+json with {@code Retry-After}, the login form
 * goes back to the login page with a message. The password is not even checked meanwhile.
 */
public class SignInThrottleFilter extends OncePerRequestFilter {

	private final SignInThrottle throttle;

	public SignInThrottleFilter(SignInThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String email = emailOf(request);
		if (email != null) {
			Optional<Duration> wait = this.throttle.waitFor(email, request.getRemoteAddr());
			if (wait.isPresent()) {
				long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
				if (isFormSignIn(request)) {
					response.sendRedirect(request.getContextPath() + "/login?throttled=" + seconds);
				}
				else {
					ProblemResponses.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests",
							"Too many failed sign-ins for this account or from this address; try again in " + seconds
									+ " s.");
				}
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** The account a password sign-in is for, or null if this request is not one. */
	private static String emailOf(HttpServletRequest request) {
		if (isFormSignIn(request)) {
			return request.getParameter("username");
		}
		return BasicCredentials.username(request.getHeader(HttpHeaders.AUTHORIZATION)).orElse(null);
	}

	private static boolean isFormSignIn(HttpServletRequest request) {
		return "POST".equals(request.getMethod())
				&& "/login".equals(request.getRequestURI().substring(request.getContextPath().length()));
	}

}
