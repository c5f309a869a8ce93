package dev.taskfeed.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A small real-HTTP client for the REST API. */
public final class Api {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	public Api(int port) {
		this.port = port;
	}

	public String baseUrl() {
		return "http://localhost:" + this.port;
	}

	public int port() {
		return this.port;
	}

	public User register(String email, String password, String displayName) {
		Response response = send("POST", "/api/users", null,
				json(Map.of("email", email, "password", password, "displayName", displayName)));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return new User(this, response.json().get("id").asLong(), email, password, basic(email, password));
	}

	/** A user registered some other way (through the pages), by their credentials. */
	public User existing(String email, String password) {
		return new User(this, 0, email, password, basic(email, password));
	}

	private static String basic(String email, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	public Response send(String method, String path, String authorization, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.timeout(Duration.ofSeconds(20))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.setHeader(headers[i], headers[i + 1]);
		}
		return send(request.build());
	}

	public Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

	/** A map that keeps nulls and order, for request bodies. */
	public static Map<String, Object> body(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	public record Response(HttpResponse<String> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String body() {
			return this.raw.body();
		}

		public JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public Response expect(int status) {
			assertThat(status()).as("%s %s -> %s", this.raw.request().method(), this.raw.request().uri(), body())
				.isEqualTo(status);
			return this;
		}

		/** Asserts a problem+json answer with this status, and returns its body. */
		public JsonNode problem(int status) {
			expect(status);
			assertThat(header("Content-Type")).startsWith("application/problem+json");
			JsonNode problem = json();
			assertThat(problem.get("status").asInt()).isEqualTo(status);
			assertThat(problem.get("type").asString()).isNotBlank();
			assertThat(problem.get("title").asString()).isNotBlank();
			assertThat(problem.get("detail").asString()).isNotBlank();
			assertThat(body()).doesNotContain("Exception").doesNotContain("\tat ");
			return problem;
		}

		/** Asserts a 400 problem naming one invalid field first, and returns its name. */
		public String invalidField() {
			return problem(400).get("errors").get(0).get("field").asString();
		}

	}

	/**
	 * A registered user and the ways it can authenticate; its helper calls ({@link #get}
	 * and the like) send {@code authorization}: a Bearer token for users made by the
	 * tests' {@code newUser()} (a token costs one look-up, a password a bcrypt hash every
	 * time), Basic otherwise.
	 */
	public record User(Api api, long id, String email, String password, String basic, String authorization) {

		public User(Api api, long id, String email, String password, String basic) {
			this(api, id, email, password, basic, basic);
		}

		/** The same user, its helper calls signed with this API token. */
		public User withToken(String token) {
			return new User(this.api, this.id, this.email, this.password, this.basic, "Bearer " + token);
		}

		public Response get(String path) {
			return this.api.send("GET", path, this.authorization, null);
		}

		public Response post(String path, Object body) {
			return this.api.send("POST", path, this.authorization, (body != null) ? json(body) : null);
		}

		public Response patch(String path, Object body, String... headers) {
			return this.api.send("PATCH", path, this.authorization, json(body), headers);
		}

		public Response put(String path) {
			return this.api.send("PUT", path, this.authorization, null);
		}

		public Response delete(String path, String... headers) {
			return this.api.send("DELETE", path, this.authorization, null, headers);
		}

		public long createCategory(String name) {
			return post("/api/categories", Map.of("name", name)).expect(201).json().get("id").asLong();
		}

		public JsonNode createTask(String title, Long... categoryIds) {
			return post("/api/tasks", body("title", title, "categoryIds", java.util.List.of(categoryIds))).expect(201)
				.json();
		}

		/** A comment on the task, by this user: its id. */
		public long createComment(long task, String body) {
			return post("/api/tasks/" + task + "/comments", Map.of("body", body)).expect(201).json().get("id").asLong();
		}

		public String createToken(String name) {
			return post("/api/tokens", Map.of("name", name)).expect(201).json().get("token").asString();
		}

	}

}
