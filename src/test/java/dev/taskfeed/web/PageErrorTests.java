package dev.taskfeed.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors outside the API, as any client meets them: the HTML error page in the reader's
 * language whatever the client accepts (a script asking a page for JSON included, as
 * {@code ApiErrorTests} holds), plain text at a calendar address; never Spring Boot's own
 * error JSON ({@code timestamp}, {@code error}, {@code path}).
 */
class PageErrorTests extends IntegrationTest {

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private static final String[] ACCEPTS = { null, "*/*", "text/plain", "application/xml", "application/json",
			"application/problem+json", "application/json, */*", "application/json, text/html", "text/html" };

	@Test
	void pagesAnswerErrorsWithTheHtmlErrorPageWhateverTheAccept() throws Exception {
		for (String accept : ACCEPTS) {
			// a form without its CSRF token (curl's default Accept is */*)
			HttpResponse<String> refused = send("POST", "/tasks", accept, "en", "title=x");
			assertThat(refused.statusCode()).as("Accept: %s", accept).isEqualTo(403);
			assertHtmlErrorPage(refused, accept, "en", "Not allowed");
			// an address with nothing there
			HttpResponse<String> missing = send("GET", "/js/", accept, "en", null);
			assertThat(missing.statusCode()).as("Accept: %s", accept).isEqualTo(404);
			assertHtmlErrorPage(missing, accept, "en", "Not found");
		}
	}

	@Test
	void theErrorPageSpeaksTheReadersLanguage() throws Exception {
		HttpResponse<String> refused = send("POST", "/tasks", "*/*", "es-ES,es;q=0.9", "title=x");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertHtmlErrorPage(refused, "*/*", "es", "No permitido");
		HttpResponse<String> missing = send("GET", "/js/", null, "es", null);
		assertHtmlErrorPage(missing, null, "es", "No encontrado");
	}

	@Test
	void theApiStaysProblemJsonWhateverTheClientAsksFor() throws Exception {
		assertProblem(send("GET", "/api/nothing-here", "text/html", "en", null), 401, "/api/nothing-here");
	}

	@Test
	void calendarAddressesAnswerErrorsInPlainText() throws Exception {
		for (String accept : new String[] { null, "*/*", "text/calendar", "application/json", "text/html" }) {
			HttpResponse<String> posted = send("POST", "/calendar/" + "a".repeat(43) + ".ics", accept, "en", "x=y");
			assertThat(posted.statusCode()).as("Accept: %s", accept).isEqualTo(405);
			assertThat(contentType(posted)).startsWith("text/plain");
			assertThat(posted.headers().firstValue("Allow").orElse("")).contains("GET");
			assertThat(posted.body()).contains("405").doesNotContain("timestamp").doesNotContain("{");
			HttpResponse<String> unknown = send("GET", "/calendar/" + "b".repeat(43) + ".ics", accept, "en", null);
			assertThat(unknown.statusCode()).isEqualTo(404);
			assertThat(contentType(unknown)).startsWith("text/plain");
			assertThat(unknown.body()).doesNotContain("timestamp");
		}
	}

	private HttpResponse<String> send(String method, String path, String accept, String language, String form)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept-Language", language)
			.method(method,
					(form != null) ? HttpRequest.BodyPublishers.ofString(form) : HttpRequest.BodyPublishers.noBody());
		if (accept != null) {
			request.header("Accept", accept);
		}
		if (form != null) {
			request.header("Content-Type", "application/x-www-form-urlencoded");
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String contentType(HttpResponse<String> answer) {
		return answer.headers().firstValue("Content-Type").orElse("");
	}

	private static void assertHtmlErrorPage(HttpResponse<String> answer, String accept, String language, String title) {
		assertThat(contentType(answer)).as("Accept: %s", accept).startsWith("text/html");
		assertThat(answer.body()).as("Accept: %s", accept)
			.contains("<html lang=\"" + language + "\"")
			.contains(title)
			.doesNotContain("\"timestamp\"");
		assertThat(answer.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
	}

	private static void assertProblem(HttpResponse<String> answer, int status, String instance) {
		assertThat(answer.statusCode()).isEqualTo(status);
		assertThat(contentType(answer)).isEqualTo("application/problem+json");
		JsonNode problem = Api.JSON.readTree(answer.body());
		assertThat(problem.propertyNames()).containsExactly("type", "title", "status", "detail", "instance");
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("instance").asString()).isEqualTo(instance);
	}

}
