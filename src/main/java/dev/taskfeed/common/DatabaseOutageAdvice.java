package dev.taskfeed.common;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A database outage met inside any controller that has no answer of its own for it (the
 * pages, the calendar URLs; the REST controllers have theirs) is a 503 in the address's
 * usual form. Without this, Spring MVC takes a failure whose cause is the database's
 * connection closing ({@code EOFException}) for a client that went away, and ends the
 * request with an empty 200: a calendar app polling during an outage would be told its
 * calendar is empty.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class DatabaseOutageAdvice {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseOutageAdvice.class);

	@ExceptionHandler(Exception.class)
	void failed(Exception ex, HttpServletRequest request, HttpServletResponse response) throws Exception {
		if (!DatabaseFailures.isUnavailable(ex)) {
			throw ex;
		}
		logger.warn("Answered {} {} with 503: the database is unreachable ({})", request.getMethod(),
				LoggedText.address(request.getRequestURI()), ex.getClass().getSimpleName());
		ProblemResponses.serviceUnavailable(request, response);
	}

}
