package dev.taskfeed.common;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure of a REST controller becomes an RFC 9457 problem+json answer, never a
 * stack trace: Spring MVC's own exceptions (405, 415, 400 for unreadable bodies...) with
 * clearer words for the common ones, the services' refusals, database trouble, and
 * anything unexpected. Page controllers are not advised here, so they keep their HTML
 * error pages; what fails on an API address before any controller is chosen gets these
 * same answers from {@link UnmatchedApiRequests}.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/**
	 * What the services refused: each kind has its status and title on the exception
	 * itself.
	 */
	@ExceptionHandler(DomainException.class)
	ResponseEntity<Object> refused(DomainException ex) {
		ProblemDetail body = ProblemResponses.problem(HttpStatusCode.valueOf(ex.status()), ex.title(),
				(ex instanceof DomainException.InvalidField) ? "The request has 1 invalid field." : ex.getMessage());
		if (ex instanceof DomainException.InvalidField invalid) {
			body.setProperty("errors", List.of(new FieldMessage(invalid.field(), invalid.reason())));
		}
		return respond(body, HttpHeaders.EMPTY);
	}

	@ExceptionHandler(PayloadTooLargeException.class)
	ResponseEntity<Object> payloadTooLarge(PayloadTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large", PayloadTooLargeException.DETAIL);
	}

	@ExceptionHandler(ObjectOptimisticLockingFailureException.class)
	ResponseEntity<Object> concurrentChange(ObjectOptimisticLockingFailureException ex) {
		return problem(HttpStatus.CONFLICT, "Conflict",
				"Someone else changed this resource at the same moment; fetch it again and retry.");
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<Object> integrityViolation(DataIntegrityViolationException ex) {
		if (ex.getMostSpecificCause() instanceof java.sql.SQLException sql && sql.getSQLState() != null
				&& (sql.getSQLState().equals("22021") || sql.getSQLState().equals("22P05"))) {
			// text PostgreSQL cannot hold: a NUL character in a JSON string
			return problem(HttpStatus.BAD_REQUEST, "Malformed request body",
					"A text contains a NUL character (\\u0000), which no text in TaskFeed may hold.");
		}
		log.info("Refused a change that conflicts with stored data: {}", ex.getMostSpecificCause().getMessage());
		return problem(HttpStatus.CONFLICT, "Conflict", "The change conflicts with data already stored.");
	}

	/** The firewall checks form parameters only when something reads them. */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<Object> rejectedParameter(RequestRejectedException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Malformed request body",
				"A parameter name or value holds characters TaskFeed does not accept.");
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Object> unreadableMultipart(MultipartException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Malformed request body", "The multipart body could not be read.");
	}

	/**
	 * Spring Security's own filter answers these (401 with the challenges TaskFeed
	 * accepts, 403), so they pass through.
	 */
	@ExceptionHandler({ AuthenticationException.class, AccessDeniedException.class })
	void security(RuntimeException ex) {
		throw ex;
	}

	/**
	 * An unreachable database (503), transactions that kept colliding (409), and anything
	 * unexpected (500).
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> other(Exception ex, WebRequest request) {
		if (DatabaseFailures.isUnavailable(ex)) {
			log.warn("Answered {} with 503: the database is unreachable ({})", describe(request), ex.toString());
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(ProblemResponses.RETRY_AFTER_SECONDS));
			return respond(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
					DatabaseFailures.DETAIL), headers);
		}
		if (DatabaseFailures.isCollision(ex)) {
			// still colliding after the service's retries
			log.warn("Answered {} with 409: it kept colliding with concurrent changes", describe(request));
			return problem(HttpStatus.CONFLICT, "Conflict",
					"Other changes to the same data kept getting in the way; try again.");
		}
		log.error("Unexpected failure answering {}",
				LoggedText.address(((ServletWebRequest) request).getRequest().getRequestURI()), ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
				"Something went wrong on our side; the error has been logged.");
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldMessage> errors = ex.getBindingResult()
			.getAllErrors()
			.stream()
			.map((error) -> new FieldMessage(
					(error instanceof FieldError field) ? field.getField() : error.getObjectName(),
					error.getDefaultMessage()))
			.toList();
		return validationProblem(errors, headers);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldMessage> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldMessage(result.getMethodParameter().getParameterName(), messageOf(error))))
			.toList();
		return validationProblem(errors, headers);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (causeOf(ex, PayloadTooLargeException.class) != null) {
			return respond(ProblemResponses.problem(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large",
					PayloadTooLargeException.DETAIL), headers);
		}
		return respond(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Malformed request body", describe(ex)),
				headers);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return respond(ProblemResponses.problem(HttpStatus.NOT_FOUND, "Not Found",
				"No endpoint " + ex.getHttpMethod() + " /" + ex.getResourcePath() + "."), headers);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		String message = "'" + ex.getValue() + "' is not a valid value" + expectedOf(ex.getRequiredType());
		ProblemDetail body = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Invalid parameter",
				"Parameter '" + name + "': " + message + ".");
		body.setProperty("errors", List.of(new FieldMessage(name, message)));
		return respond(body, headers);
	}

	/**
	 * Spring's own 500s (a body that cannot be written, a conversion or path variable
	 * missing) are bugs on our side: logged like any other.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (statusCode.value() == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
			log.error("Unexpected failure answering {}", describe(request), ex);
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	/** Spring's other answers, in TaskFeed's shape. */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		ProblemDetail spring = (body instanceof ProblemDetail detail) ? detail : ProblemDetail.forStatus(statusCode);
		ProblemDetail problem = ProblemResponses.problem(statusCode, spring.getTitle(), spring.getDetail());
		problem.setProperties(spring.getProperties());
		return respond(problem, headers);
	}

	private static String describe(WebRequest request) {
		HttpServletRequest servlet = ((ServletWebRequest) request).getRequest();
		return servlet.getMethod() + " " + LoggedText.address(servlet.getRequestURI());
	}

	private static ResponseEntity<Object> validationProblem(List<FieldMessage> errors, HttpHeaders headers) {
		List<FieldMessage> sorted = errors.stream()
			.sorted(Comparator.comparing(FieldMessage::field).thenComparing(FieldMessage::message))
			.toList();
		ProblemDetail body = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "Validation failed",
				"The request has " + sorted.size() + " invalid field" + ((sorted.size() == 1) ? "" : "s") + ": "
						+ sorted.stream().map((e) -> e.field() + " " + e.message()).collect(Collectors.joining("; "))
						+ ".");
		body.setProperty("errors", sorted);
		return respond(body, headers);
	}

	private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail) {
		return respond(ProblemResponses.problem(status, title, detail), HttpHeaders.EMPTY);
	}

	private static ResponseEntity<Object> respond(ProblemDetail body, HttpHeaders headers) {
		return ResponseEntity.status(body.getStatus())
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(body);
	}

	private static String describe(HttpMessageNotReadableException ex) {
		UnrecognizedPropertyException unknown = causeOf(ex, UnrecognizedPropertyException.class);
		if (unknown != null) {
			return "Unknown property '" + pathOf(unknown) + "'.";
		}
		InvalidNullException nullValue = causeOf(ex, InvalidNullException.class);
		if (nullValue != null) {
			return "Property '" + pathOf(nullValue) + "' must not be null.";
		}
		TextDeserializer.UnpairedSurrogateException notText = causeOf(ex,
				TextDeserializer.UnpairedSurrogateException.class);
		if (notText != null) {
			String path = pathOf(notText);
			return (path.isEmpty() ? "The body has a string" : "Property '" + path + "' has text")
					+ " with an unpaired UTF-16 surrogate (half of a \\uD800-\\uDFFF pair), which is not a character.";
		}
		InvalidFormatException format = causeOf(ex, InvalidFormatException.class);
		if (format != null) {
			return "Property '" + pathOf(format) + "': '" + format.getValue() + "' is not a valid value"
					+ expectedOf(format.getTargetType()) + ".";
		}
		MismatchedInputException mismatch = causeOf(ex, MismatchedInputException.class);
		if (mismatch != null) {
			String path = pathOf(mismatch);
			return path.isEmpty() ? "The body must be a JSON object."
					: "Property '" + path + "' has the wrong type" + expectedOf(mismatch.getTargetType()) + ".";
		}
		StreamReadException syntax = causeOf(ex, StreamReadException.class);
		if (syntax != null) {
			return "The body is not valid JSON: " + syntax.getOriginalMessage();
		}
		if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
			return "The request needs a JSON body.";
		}
		return "The body could not be read as JSON.";
	}

	private static String pathOf(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((ref) -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

	private static String expectedOf(Class<?> type) {
		if (type == null) {
			return "";
		}
		if (type.isEnum()) {
			return " (expected one of " + java.util.Arrays.stream(type.getEnumConstants())
				.map(Objects::toString)
				.collect(Collectors.joining(", ")) + ")";
		}
		return switch (type.getSimpleName()) {
			case "LocalDate" -> " (expected a date like 2026-12-31)";
			case "Long", "long", "Integer", "int" -> " (expected a whole number)";
			case "String" -> " (expected a string)";
			case "List" -> " (expected an array)";
			case "Boolean", "boolean" -> " (expected true or false)";
			default -> "";
		};
	}

	private static String messageOf(MessageSourceResolvable error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	private static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

}
