package dev.taskfeed.common;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

	@ExceptionHandler(Exception.class)
	void failed(Exception ex, HttpServletRequest request, HttpServletResponse response) throws Exception {
		if (!DatabaseFailures.isUnavailable(ex)) {
			throw ex;
		}
		RequestGuardFilter.answerOutage(request, response, ex);
	}

}
