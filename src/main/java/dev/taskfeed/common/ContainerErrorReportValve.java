package dev.taskfeed.common;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;

/**
 * The body of an error Tomcat answers itself, before any filter or servlet of TaskFeed's
 * runs: an address it cannot decode ({@code %2F}, {@code %00}, {@code %ff} in a path), a
 * request line or header its parser refuses (a raw {@code \} in the query, a control
 * character in a header, more than 8 KB of them). Written by {@link ProblemResponses}, as
 * every other error: problem+json under {@code /api} and {@code /ws}, TaskFeed's short
 * HTML page elsewhere (Tomcat's own page would name the server), and logged as one WARN
 * line. An error the application has already answered is left as it is.
 */
public class ContainerErrorReportValve extends ErrorReportValve {

	private static final Logger logger = LoggerFactory.getLogger(ContainerErrorReportValve.class);

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		HttpStatus answer = (known != null) ? known : HttpStatus.BAD_REQUEST;
		String detail = (answer == HttpStatus.BAD_REQUEST)
				? "The request could not be read: its address or one of its headers is malformed or too large."
				: "The request could not be answered: " + answer.getReasonPhrase() + ".";
		logger.warn("Refused {} {} with {}: {}", request.getMethod(), LoggedText.address(request.getRequestURI()),
				answer.value(), (response.getMessage() != null) ? response.getMessage() : answer.getReasonPhrase());
		try {
			ProblemResponses.write(request, response, answer, answer.getReasonPhrase(), detail);
		}
		catch (IOException | RuntimeException ex) {
			// the client went away; nothing left to tell it
		}
	}

}
