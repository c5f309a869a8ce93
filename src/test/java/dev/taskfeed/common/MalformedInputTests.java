package dev.taskfeed.common;

import java.nio.charset.StandardCharsets;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.PageSession;
import dev.taskfeed.support.RawHttp;
import dev.taskfeed.support.RawHttp.Answer;
import dev.taskfeed.support.StompTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that no part of TaskFeed can read gets a 4xx in the usual form of its answer,
 * never a 500: unreadable bodies and headers, broken escapes, JSON with duplicate keys or
 * wrong types.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedInputTests extends IntegrationTest {

	private static final byte[] JSON_BODY = "{\"email\":\"a@example.com\"}".getBytes(StandardCharsets.UTF_8);

	@Test
	void unreadableContentTypesAre4xxProblemsEvenWithoutCredentials() throws Exception {
		assertProblem(post("/api/users", "Content-Type: multipart/form-data", "x".getBytes()), 415);
		assertProblem(post("/api/users", "Content-Type: multipart/form-data; boundary=abc", "x".getBytes()), 415);
		assertProblem(post("/api/users", "Content-Type: */*", JSON_BODY), 415);
		assertProblem(post("/api/users", "Content-Type: application/*", JSON_BODY), 415);
		assertProblem(post("/api/users", "Content-Type: application", JSON_BODY), 400);
		assertProblem(post("/api/users", "Content-Type: application/x-www-form-urlencoded",
				new byte[] { 'a', '=', (byte) 0xff, (byte) 0xfe }), 400);
		assertProblem(post("/api/users", "Content-Type: application/x-www-form-urlencoded", "a=%zz".getBytes()), 400);
	}

	@Test
	void brokenPercentEscapesInTheQueryAre400() throws Exception {
		Api.User user = newUser();
		for (String query : new String[] { "q=%", "q=%zz", "q=%ff", "q=%e2%82", "%zz=1" }) {
			assertProblem(RawHttp.send(this.port, "GET", "/api/users?" + query, new String[0], null), 400);
			assertProblem(RawHttp.send(this.port, "GET", "/api/tasks?" + query,
					new String[] { "Authorization: " + user.basic() }, null), 400);
		}
		// a well-formed escape still works
		Answer fine = RawHttp.send(this.port, "GET", "/api/tasks?q=%C3%A9t%C3%A9",
				new String[] { "Authorization: " + user.basic() }, null);
		assertThat(fine.status()).isEqualTo(200);
	}

	@Test
	void pagesAnswerUnreadableInputWithAnHtmlPage() throws Exception {
		Answer query = RawHttp.send(this.port, "GET", "/login?q=%zz", new String[] { "Accept: text/html" }, null);
		assertThat(query.status()).isEqualTo(400);
		assertThat(query.contentType()).startsWith("text/html");
		assertThat(query.body()).doesNotContain("Exception");
		Answer form = post("/login", "Content-Type: application/x-www-form-urlencoded",
				new byte[] { 'u', '=', (byte) 0xc3, (byte) 0x28 });
		assertThat(form.status()).isEqualTo(400);
		assertThat(form.contentType()).startsWith("text/html");
		Answer multipart = post("/register", "Content-Type: multipart/form-data", "x".getBytes());
		assertThat(multipart.status()).isEqualTo(400);
	}

	@Test
	void aMalformedOriginOnTheFeedHandshakeIsRefusedLikeAForeignOne() throws Exception {
		Api.User user = newUser();
		for (String origin : new String[] { "http://127.0.0.1:8080x", "http://a b", "https://evil.example" }) {
			Answer answer = RawHttp.send(this.port, "GET", "/ws",
					new String[] { "Authorization: " + user.basic(), "Origin: " + origin, "Upgrade: websocket",
							"Connection: Upgrade", "Sec-WebSocket-Version: 13",
							"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==" },
					null);
			assertThat(answer.status()).as(origin).isEqualTo(403);
		}
	}

	@Test
	void everyRefusedFeedHandshakeSaysWhyAsAProblem() throws Exception {
		Api.User user = newUser();
		String auth = "Authorization: " + user.authorization();
		for (String origin : new String[] { "https://evil.example", "::::", "null", "http://a b",
				"http://127.0.0.1:" + this.port + "x" }) {
			Answer answer = handshake(auth, "Origin: " + origin, "Upgrade: websocket", "Sec-WebSocket-Version: 13",
					"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
			assertProblem(answer, 403);
			assertThat(answer.body()).as(origin).contains("origin").contains("not allowed");
		}
		// the page's own origin still opens it
		assertThat(StompTestClient.handshakeStatus(this.port, auth, "Origin: http://localhost:" + this.port))
			.isEqualTo(101);
		// no credentials: 401, as ever
		assertProblem(handshake("Upgrade: websocket", "Sec-WebSocket-Version: 13",
				"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="), 401);
		assertProblem(handshake("Authorization: Bearer nope", "Upgrade: websocket", "Sec-WebSocket-Version: 13",
				"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="), 401);
		// not a WebSocket handshake at all, an old version, no key
		assertProblem(handshake(auth), 400);
		assertProblem(handshake(auth, "Upgrade: h2c"), 400);
		Answer version = handshake(auth, "Upgrade: websocket", "Sec-WebSocket-Version: 8",
				"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
		assertProblem(version, 426);
		assertThat(version.header("Sec-WebSocket-Version")).isEqualTo("13");
		assertProblem(handshake(auth, "Upgrade: websocket", "Sec-WebSocket-Version: 13"), 400);
	}

	private Answer handshake(String... headers) throws Exception {
		String[] all = java.util.Arrays.copyOf(headers, headers.length + 1);
		all[headers.length] = "Connection: Upgrade";
		return RawHttp.send(this.port, "GET", "/ws", all, null);
	}

	@Test
	void duplicateKeysAndWrongTypesInJsonAre400() {
		Api.User user = newUser();
		String bearer = "Bearer " + user.createToken("json");
		assertThat(this.api.send("POST", "/api/tasks", bearer, "{\"title\":\"a\",\"title\":\"b\"}")
			.problem(400)
			.get("detail")
			.asString()).contains("title");
		assertThat(this.api.send("POST", "/api/tasks", bearer, "{\"title\":123}").problem(400).get("detail").asString())
			.contains("title");
		this.api.send("POST", "/api/tasks", bearer, "{\"title\":true}").problem(400);
		this.api.send("POST", "/api/tasks", bearer, "{\"title\":\"x\",\"categoryIds\":[\"1\"]}").problem(400);
		this.api.send("POST", "/api/tasks", bearer, "{\"title\":\"x\",\"categoryIds\":[1.5]}").problem(400);
		this.api.send("POST", "/api/tasks", bearer, "{\"title\":\"x\",\"status\":1}").problem(400);
		this.api.send("POST", "/api/categories", bearer, "{\"name\":42}").problem(400);
		this.api.send("POST", "/api/users", null,
				"{\"email\":\"dup@example.com\",\"email\":\"other@example.com\",\"password\":\"password-1\",\"displayName\":\"D\"}")
			.problem(400);
		long task = this.api.send("POST", "/api/tasks", bearer, "{\"title\":\"kept\"}")
			.expect(201)
			.json()
			.get("id")
			.asLong();
		this.api
			.send("PATCH", "/api/tasks/" + task, bearer, "{\"title\":5}", "Content-Type",
					"application/merge-patch+json")
			.problem(400);
		// nothing was written by the refused requests
		assertThat(this.api.send("GET", "/api/tasks", bearer, null).json().get("content").size()).isEqualTo(1);
		assertThat(this.api.send("GET", "/api/tasks/" + task, bearer, null).json().get("title").asString())
			.isEqualTo("kept");
	}

	@Test
	void formParametersTheFirewallRefusesAre400WhereverTheyAreRead() throws Exception {
		Api.User user = newUser();
		String form = "Content-Type: application/x-www-form-urlencoded";
		byte[][] bodies = { "a%0a=1".getBytes(),
				"--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xyz--\r\n"
					.getBytes(StandardCharsets.UTF_8) };
		for (byte[] body : bodies) {
			assertProblem(post("/api/users", form, body), 400);
			assertProblem(RawHttp.send(this.port, "POST", "/api/tasks",
					new String[] { "Authorization: " + user.authorization(), form }, body), 400);
		}
		// a signed-in page form past the CSRF check: still a 400, as HTML
		PageSession page = new PageSession(this.port, "en").signIn(user.email(), user.password());
		page.get("/tasks");
		java.net.http.HttpResponse<String> answer = page.post("/tasks", "title", "x", "a\n", "1");
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
		assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(user.get("/api/tasks").json().get("content").size()).isZero();
	}

	@Test
	void actuatorEndpointsThatAreNotExposedAreNotFound() throws Exception {
		for (String path : new String[] { "/actuator/env", "/actuator/beans", "/actuator/no-such-thing" }) {
			Answer answer = RawHttp.send(this.port, "GET", path, new String[0], null);
			assertThat(answer.status()).as(path).isEqualTo(404);
			assertThat(answer.header("Location")).isNull();
		}
		assertThat(RawHttp.send(this.port, "GET", "/actuator/health", new String[0], null).status()).isEqualTo(200);
	}

	@Test
	void nulCharactersAreRefusedWhereverTheyCome() throws Exception {
		Api.User user = newUser();
		String nulBasic = "Basic " + java.util.Base64.getEncoder()
			.encodeToString("a\0@example.com:password".getBytes(StandardCharsets.UTF_8));
		for (String path : new String[] { "/api/users/me", "/api/tasks", "/tasks", "/login", "/actuator/health" }) {
			Answer answer = RawHttp.send(this.port, "GET", path, new String[] { "Authorization: " + nulBasic }, null);
			assertThat(answer.status()).as(path).isEqualTo(400);
		}
		assertProblem(RawHttp.send(this.port, "GET", "/api/tasks?q=%00",
				new String[] { "Authorization: " + user.authorization() }, null), 400);
		assertThat(post("/login", "Content-Type: application/x-www-form-urlencoded",
				"username=a%00%40example.com&password=x".getBytes())
			.status()).isEqualTo(400);
		// in JSON: the text cannot be stored, and nothing is
		this.api.send("POST", "/api/tasks", user.authorization(), "{\"title\":\"a\\u0000b\"}").problem(400);
		this.api.send("POST", "/api/categories", user.authorization(), "{\"name\":\"a\\u0000b\"}").problem(400);
		assertThat(user.get("/api/tasks").json().get("content").size()).isZero();
	}

	@Test
	void stringsWithAnUnpairedSurrogateAre400NamingThePropertyAndNothingIsStored() {
		Api.User user = newUser();
		String auth = user.authorization();
		long task = this.api.send("POST", "/api/tasks", auth, "{\"title\":\"kept\"}")
			.expect(201)
			.json()
			.get("id")
			.asLong();
		long project = this.api.send("POST", "/api/projects", auth, "{\"name\":\"Casa\"}")
			.expect(201)
			.json()
			.get("id")
			.asLong();
		long category = user.createCategory("Kept");
		String email = "surrogate-" + java.util.UUID.randomUUID() + "@example.com";
		String[][] refused = { { "POST", "/api/tasks", "{\"title\":\"\\ud800\"}", "title" },
				{ "POST", "/api/tasks", "{\"title\":\"a\",\"description\":\"x\\udc00y\"}", "description" },
				{ "POST", "/api/tasks", "{\"title\":\"\\udc00\\ud800\"}", "title" },
				{ "PATCH", "/api/tasks/" + task, "{\"title\":\"ab\\udbff\"}", "title" },
				{ "POST", "/api/categories", "{\"name\":\"\\ud800\"}", "name" },
				{ "PATCH", "/api/categories/" + category, "{\"name\":\"\\ud800\"}", "name" },
				{ "POST", "/api/projects", "{\"name\":\"\\ud800\"}", "name" },
				{ "PATCH", "/api/projects/" + project, "{\"name\":\"\\ud800\"}", "name" },
				{ "POST", "/api/tokens", "{\"name\":\"\\ud800\"}", "name" },
				{ "POST", "/api/tasks/" + task + "/comments", "{\"body\":\"\\ud800\"}", "body" },
				{ "POST", "/api/users",
						"{\"email\":\"" + email + "\",\"password\":\"" + "\\ud800".repeat(10)
								+ "\",\"displayName\":\"S\"}",
						"password" },
				{ "POST", "/api/users",
						"{\"email\":\"" + email + "\",\"password\":\"password-1\",\"displayName\":\"\\ud800abc\"}",
						"displayName" } };
		for (String[] request : refused) {
			String detail = this.api.send(request[0], request[1], auth, request[2])
				.problem(400)
				.get("detail")
				.asString();
			assertThat(detail).as(request[2]).contains("'" + request[3] + "'").contains("unpaired");
		}
		// nothing was stored or changed
		assertThat(user.get("/api/tasks").json().get("content").findValuesAsString("title")).containsExactly("kept");
		assertThat(user.get("/api/tasks/" + task + "/comments").json().get("content").size()).isZero();
		assertThat(user.get("/api/categories").json().findValuesAsString("name")).containsExactly("Kept");
		assertThat(user.get("/api/projects").json().findValuesAsString("name")).contains("Casa").doesNotContain("?");
		assertThat(user.get("/api/tokens").json().size()).isEqualTo(1);
		this.api
			.send("GET", "/api/users/me",
					"Basic " + java.util.Base64.getEncoder()
						.encodeToString((email + ":??????????").getBytes(StandardCharsets.UTF_8)),
					null)
			.problem(401);
		// a pair is a character like any other
		assertThat(this.api.send("POST", "/api/tasks", auth, "{\"title\":\"\\ud83d\\ude00 ok\"}")
			.expect(201)
			.json()
			.get("title")
			.asString()).isEqualTo("\uD83D\uDE00 ok");
	}

	@Test
	void whatTheDatabaseRefusesLeavesTheUsersTextOutOfTheLog(CapturedOutput output) {
		Api.User user = newUser();
		int logged = output.getAll().length();
		String secret = "Secret-" + java.util.UUID.randomUUID();
		String bearer = user.authorization();
		this.api.send("POST", "/api/tasks", bearer, "{\"title\":\"" + secret + "\\u0000\"}").problem(400);
		long task = user.createTask("Kept").get("id").asLong();
		this.api
			.send("PATCH", "/api/tasks/" + task, bearer,
					"{\"title\":\"" + secret + "\\u0000\",\"description\":\"" + secret + "\"}", "Content-Type",
					"application/merge-patch+json")
			.problem(400);
		this.api.send("POST", "/api/tasks/" + task + "/comments", bearer, "{\"body\":\"" + secret + "\\u0000\"}")
			.problem(400);
		this.api.send("POST", "/api/categories", bearer, "{\"name\":\"" + secret + "\\u0000\"}").problem(400);
		String log = output.getAll().substring(logged);
		assertThat(log).doesNotContain(secret).doesNotContain("SQLState").doesNotContain("\tat ");
		assertThat(user.get("/api/tasks/" + task).json().get("title").asString()).isEqualTo("Kept");
	}

	@Test
	void oddMethodsAndAddressesGetProblemsToo() throws Exception {
		Api.User user = newUser();
		assertProblem(RawHttp.send(this.port, "TRACE", "/api/tasks", new String[0], null), 405);
		for (String path : new String[] { "/api//tasks", "/api/tasks/1;jsessionid=x", "/api/tasks/%2e%2e/users" }) {
			assertProblem(RawHttp.send(this.port, "GET", path,
					new String[] { "Authorization: " + user.authorization() }, null), 400);
		}
		assertThat(RawHttp.send(this.port, "GET", "/actuator", new String[0], null).status()).isEqualTo(404);
		assertThat(RawHttp.send(this.port, "POST", "/actuator/health", new String[0], new byte[0]).status())
			.isEqualTo(405);
		// an HTML refusal made before Spring Security
		// still carries the pages' security headers
		Answer refused = RawHttp.send(this.port, "GET", "/tasks?q=%zz", new String[0], null);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.header("Content-Security-Policy")).contains("script-src 'self'");
		assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void whatTomcatRefusesItselfIsAProblemUnderTheApiAndAShortPageElsewhere(CapturedOutput output) throws Exception {
		Api.User user = newUser();
		int logged = output.getAll().length();
		long task = user.createTask("Target").get("id").asLong();
		String auth = "Authorization: " + user.authorization();
		for (String path : new String[] { "/api/tasks/%2F1", "/api/tasks/1%2F2", "/api/tasks/%00", "/api/tasks/1%00",
				"/api/tasks/%ff", "/api/categories/%2F", "/api/projects/%00/members", "/api/tasks/%ff/restore",
				"/api/tasks/" + task + "/categories/%2F" }) {
			assertContainerProblem(RawHttp.send(this.port, "GET", path, new String[] { auth }, null), 400);
		}
		// characters clients send raw in a query are read as their escaped forms
		for (String query : new String[] { "q=\\", "q=a|b", "q={x}", "q=[1]^`<>" }) {
			assertThat(RawHttp.send(this.port, "GET", "/api/tasks?" + query, new String[] { auth }, null).status())
				.as(query)
				.isEqualTo(200);
		}
		assertContainerProblem(RawHttp.send(this.port, "GET", "/api/tasks/1\\2", new String[] { auth }, null), 400);
		assertContainerProblem(RawHttp.send(this.port, "GET", "/api/tasks",
				new String[] { auth, "X-Big: " + "a".repeat(20_000) }, null), 400);
		for (String method : new String[] { "PATCH", "DELETE" }) {
			assertContainerProblem(RawHttp.send(this.port, method, "/api/tasks/" + task,
					new String[] { auth, "If-Match: " + (char) 1, "Content-Type: application/merge-patch+json" },
					"{}".getBytes()), 400);
		}
		assertContainerProblem(RawHttp.send(this.port, "CONNECT", "/api/tasks", new String[] { auth }, null), 501);
		assertContainerProblem(RawHttp.send(this.port, "POST", "/api/tasks",
				new String[] { auth, "Transfer-Encoding: gzip", "Content-Type: application/json" }, null), 501);
		// the task is untouched
		assertThat(user.get("/api/tasks/" + task).json().get("version").asLong()).isZero();
		// pages: a short HTML page of TaskFeed's, naming no server
		// and where Tomcat could not read the address at all (a raw " or a control
		// character
		// in it), it cannot tell an API request from a page's: the page it is
		for (String path : new String[] { "/tasks/%2F1", "/%2e%2e/tasks", "/tasks/1\\2", "/api/tasks?q=\"",
				"/api/tasks?q=" + "a".repeat(10_000) }) {
			Answer page = RawHttp.send(this.port, "GET", path, new String[0], null);
			assertThat(page.status()).as(path).isEqualTo(400);
			assertThat(page.contentType()).as(path).startsWith("text/html");
			assertThat(page.body()).as(path).contains("TaskFeed").doesNotContainIgnoringCase("tomcat");
		}
		// one WARN line each, no stack trace
		assertThat(output.getAll().substring(logged)).doesNotContain("\tat ").doesNotContain(" ERROR ");
	}

	private static void assertContainerProblem(Answer answer, int status) {
		assertProblem(answer, status);
		assertThat(answer.body()).contains("{\"type\":\"about:blank\",\"title\":")
			.contains("\"detail\":")
			.doesNotContainIgnoringCase("tomcat");
		assertThat(answer.head()).doesNotContainIgnoringCase("tomcat");
	}

	private Answer post(String path, String contentType, byte[] body) throws Exception {
		return RawHttp.send(this.port, "POST", path, new String[] { contentType }, body);
	}

	private static void assertProblem(Answer answer, int status) {
		assertThat(answer.status()).as(answer.head() + "\n" + answer.body()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.body()).contains("\"status\":" + status).doesNotContain("Exception");
	}

}
