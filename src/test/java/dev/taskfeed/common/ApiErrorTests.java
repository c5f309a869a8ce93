package dev.taskfeed.common;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.PageSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ApiErrorTests extends IntegrationTest {

	@Test
	void malformedJsonWrongMediaTypeAndWrongMethodAreNamed() {
		Api.User user = newUser();
		assertThat(
				this.api.send("POST", "/api/tasks", user.basic(), "{\"title\": ").problem(400).get("detail").asString())
			.contains("JSON");
		this.api.send("POST", "/api/tasks", user.basic(), "[1, 2]").problem(400);
		this.api.send("POST", "/api/tasks", user.basic(), "").problem(400);
		this.api
			.send("POST", "/api/tasks", user.basic(), "title=x", "Content-Type", "application/x-www-form-urlencoded")
			.problem(415);
		this.api.send("PUT", "/api/tasks", user.basic(), null).problem(405);
		this.api.send("GET", "/api/no-such-thing", user.basic(), null).problem(404);
		this.api.send("GET", "/api/tasks/99999999999999999999", user.basic(), null).problem(400);
	}

	@Test
	void bodiesOverOneMebibyteAre413() {
		Api.User user = newUser();
		String big = "{\"title\":\"x\",\"description\":\"" + "a".repeat(1024 * 1024 + 10) + "\"}";
		this.api.send("POST", "/api/tasks", user.basic(), big).problem(413);

		HttpRequest chunked = HttpRequest.newBuilder(URI.create(this.api.baseUrl() + "/api/tasks"))
			.header("Authorization", user.basic())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
			.build();
		this.api.send(chunked).problem(413);
		assertThat(user.get("/api/tasks").json().get("content").size()).isZero();
	}

	@Test
	void noMalformedRequestGetsA5xx() {
		Api.User user = newUser();
		long task = user.createTask("Target").get("id").asLong();
		// a Bearer token keeps this many requests fast
		// (Basic auth costs a bcrypt hash each)
		String bearer = "Bearer " + user.createToken("fuzz");
		List<String> paths = List.of("/api/users", "/api/users/me", "/api/tokens", "/api/tokens/1", "/api/categories",
				"/api/categories/1", "/api/tasks", "/api/tasks/" + task, "/api/tasks/trash",
				"/api/tasks/" + task + "/restore", "/api/tasks/" + task + "/categories/1", "/api/tasks/x/categories/y");
		List<String> bodies = List.of("", "null", "{", "[]", "\"s\"", "123", "{\"title\":{}}", "{\"name\":[1]}",
				"{\"email\":null,\"password\":null}", "{\"categoryIds\":[null]}", "{\"dueDate\":\"2026-13-45\"}",
				"{\"title\":\"\\u0000\"}", "{\"status\":null}", "{\"color\":123}");
		for (String path : paths) {
			for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
				for (String body : bodies) {
					Api.Response response = this.api.send(method, path, bearer, body);
					assertThat(response.status()).as("%s %s %s -> %s", method, path, body, response.body())
						.isLessThan(500);
				}
			}
		}
	}

	@Test
	void anApiAddressNoControllerTakesGetsTheSameProblems() {
		Api.User user = newUser();
		assertThat(user.get("/api/no-such-thing").problem(404).get("detail").asString())
			.isEqualTo("No endpoint GET /api/no-such-thing.");
		Api.Response wrongMethod = user.put("/api/tasks");
		assertThat(wrongMethod.problem(405).get("detail").asString()).isEqualTo("Method 'PUT' is not supported.");
		assertThat(wrongMethod.header("Allow")).contains("GET").contains("POST");
		Api.Response wrongType = this.api.send("POST", "/api/tasks", user.authorization(), "x", "Content-Type",
				"text/plain");
		wrongType.problem(415);
		assertThat(wrongType.header("Accept")).contains("application/json");
	}

	@Test
	void everyProblemIsWrittenAlikeWhoeverAnswers() {
		Api.User user = newUser();
		List<Api.Response> answers = List.of(user.get("/api/tasks/987654321"), user.get("/api/no-such-thing"),
				this.api.send("GET", "/api/tasks", null, null));
		for (Api.Response answer : answers) {
			assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
			JsonNode problem = answer.json();
			assertThat(problem.propertyNames()).containsExactly("type", "title", "status", "detail", "instance");
			assertThat(problem.get("type").asString()).isEqualTo("about:blank");
		}
	}

	@Test
	void aPageControllersFailureNeverBecomesAProblem() {
		Api.User user = newUser();
		PageSession page = new PageSession(this.port, "en").signIn(user.email(), user.password());
		// a script asking a page for JSON still gets the pages' error answer
		Api.Response malformed = this.api.send("GET", "/tasks/not-a-number", null, null, "Cookie", page.cookies(),
				"Accept", "application/json");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.header("Content-Type")).doesNotStartWith("application/problem+json");
	}

}
