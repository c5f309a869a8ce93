package dev.taskfeed.web;

import java.io.IOException;

import dev.taskfeed.common.DomainException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A refusal a page did not handle itself (a task that is not there, someone else's
 * category) becomes the HTML error page with the refusal's own status: 404, 409, 412 or
 * 400. Pages that can say more (a name taken, a version changed meanwhile) catch the
 * exception by type and show a message beside the field instead.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

	@ExceptionHandler(DomainException.class)
	void refused(DomainException ex, HttpServletResponse response) throws IOException {
		response.sendError(ex.status());
	}

}
