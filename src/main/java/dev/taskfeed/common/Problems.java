package dev.taskfeed.common;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Where TaskFeed's own failures get their HTTP status. The REST API renders them as
 * problem+json ({@link ApiExceptionHandler}); pages render the matching HTML error page.
 */
public final class Problems {

	private Problems() {
	}

	/** Absent, or someone else's: callers never learn which. */
	public static ErrorResponseException notFound(String kind, Object id) {
		return problem(HttpStatus.NOT_FOUND, "Not Found", "No " + kind + " with id " + id + ".");
	}

	public static ErrorResponseException conflict(String detail) {
		return problem(HttpStatus.CONFLICT, "Conflict", detail);
	}

	public static ErrorResponseException preconditionFailed(String detail) {
		return problem(HttpStatus.PRECONDITION_FAILED, "Precondition Failed", detail);
	}

	public static ErrorResponseException invalidField(String field, String message) {
		ErrorResponseException ex = problem(HttpStatus.BAD_REQUEST, "Validation failed",
				"The request has 1 invalid field.");
		ex.getBody().setProperty("errors", List.of(new FieldMessage(field, message)));
		return ex;
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
		body.setTitle(title);
		return new ErrorResponseException(status, body, null);
	}

	/** One entry of a validation problem's {@code errors} array. */
	public record FieldMessage(String field, String message) {
	}

}
