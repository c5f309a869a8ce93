package dev.taskfeed.common;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;

/**
 * An API request that no REST controller took fails before any controller is chosen,
 * where {@link ApiExceptionHandler} does not apply: an address nothing answers (404), a
 * method (405, with {@code Allow}) or a media type (415, 406) no endpoint there accepts.
 * It gets the advice's answer all the same, written by {@link ProblemResponses}; pages
 * are left to the error page ({@code web/ErrorPages}).
 */
@Component
class UnmatchedApiRequests implements WebMvcConfigurer {

	private final ApiExceptionHandler problems;

	UnmatchedApiRequests(ApiExceptionHandler problems) {
		this.problems = problems;
	}

	/**
	 * Right after the {@code @ExceptionHandler} methods, before Spring's bare status
	 * codes.
	 */
	@Override
	public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
		int advice = 0;
		while (advice < resolvers.size() && !(resolvers.get(advice) instanceof ExceptionHandlerExceptionResolver)) {
			advice++;
		}
		resolvers.add(Math.min(advice + 1, resolvers.size()), this::answer);
	}

	private ModelAndView answer(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!ProblemResponses.isApi(request)) {
			return null;
		}
		ResponseEntity<Object> answer;
		try {
			answer = this.problems.handleException(ex, new ServletWebRequest(request, response));
		}
		catch (Exception notSpringMvcs) {
			// not one of Spring MVC's own exceptions, so not a matter of routing
			return null;
		}
		if (answer == null || !(answer.getBody() instanceof ProblemDetail problem)) {
			return null;
		}
		try {
			ProblemResponses.write(request, response, problem, answer.getHeaders());
		}
		catch (IOException clientGone) {
			// nothing more can reach the client
		}
		return new ModelAndView();
	}

}
