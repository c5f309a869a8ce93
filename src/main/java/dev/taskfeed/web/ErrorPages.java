package dev.taskfeed.web;

import java.io.IOException;
import java.util.Map;

import dev.taskfeed.common.ProblemResponses;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error answer that reaches the error path, in place of Spring Boot's
 * {@code BasicErrorController}, whose JSON ({@code timestamp}, {@code status},
 * {@code error}, {@code path}) no client of TaskFeed should meet: the HTML error page in
 * the reader's language, whatever the {@code Accept} header, unless
 * {@link ProblemResponses#formFor} says otherwise (problem+json for the API, plain text
 * for calendar apps).
 */
@Controller
class ErrorPages implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpStatus status = status(request);
		if (ProblemResponses.formFor(request) != ProblemResponses.Form.HTML) {
			ProblemResponses.write(request, response, status, status.getReasonPhrase(),
					"The request could not be answered: " + status.getReasonPhrase() + ".");
			return null;
		}
		return new ModelAndView("error", Map.of("status", status.value()), status);
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		return (status != null && status.isError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
