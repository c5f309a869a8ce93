package dev.taskfeed.common;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.RawHttp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of generated requests, well-formed and not (methods, paths, ids, query
 * strings, headers, bodies), signed in and not: none may get a 5xx from TaskFeed.
 * Tomcat's own 501 for a CONNECT and 505 for an unknown HTTP version are the only 5xx
 * allowed. The generator is seeded (set {@code taskfeed.fuzz.seed} to replay a run); a
 * failure names the request.
 */
class FuzzTests extends IntegrationTest {

	private static final int REQUESTS = 6000;

	private static final String[] METHODS = { "GET", "GET", "GET", "POST", "POST", "PUT", "PATCH", "PATCH", "DELETE",
			"HEAD", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "get", "FOO" };

	private static final String[] CONTENT_TYPES = { "application/json", "application/json; charset=utf-8",
			"application/merge-patch+json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
			"multipart/form-data; boundary=xyz", "*/*", "application/*", "application",
			"application/json; charset=latin-7", "application/json;;", "/json", "text/html; charset=\"",
			"application/xml", "application/json; charset=utf-16" };

	private static final String[] BODIES = { "", "{}", "[]", "null", "{", "{\"title\":\"x\"}",
			"{\"title\":\"a\",\"title\":\"b\"}", "{\"title\":123}", "{\"title\":\"x\",\"categoryIds\":[1,2,\"3\"]}",
			"{\"title\":\"x\",\"dueDate\":\"2026-02-30\"}", "{\"status\":\"NOPE\"}",
			"{\"name\":\"n\",\"color\":\"red\"}", "{\"email\":\"a@b\",\"password\":\"p\",\"displayName\":\"\"}",
			"title=x&description=%zz", "username=a%ff&password=b", "a%0a=1&title=x", "{\"title\":\"\\ud800\"}",
			"{\"title\":\"x\",\"extra\":{\"deep\":[[[[]]]]}}",
			"--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--xyz--\r\n", "\u0000\u0001\u0002",
			"{\"categoryIds\":[99999999999999999999]}", "{\"dueDate\":12345}", "{\"version\":-1}",
			"{\"name\":\"Familia\"}", "{\"email\":\"a@b.c\",\"role\":\"EDITOR\"}", "{\"role\":\"KING\"}",
			"{\"role\":null}", "{\"body\":\"hola\"}", "{\"body\":\"\"}", "{\"projectId\":1}", "{\"projectId\":null}",
			"{\"assigneeId\":\"x\"}", "{\"title\":\"x\",\"projectId\":-1}" };

	@Test
	void noGeneratedRequestGetsA5xx() throws Exception {
		Api.User user = newUser();
		String bearer = "Bearer " + user.createToken("fuzz");
		long task = user.createTask("Fuzzed").get("id").asLong();
		long category = user.createCategory("Fuzzed");
		long seed = Long.getLong("taskfeed.fuzz.seed", System.nanoTime());
		Random random = new Random(seed);
		List<Request> requests = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			requests.add(generate(random, bearer, user.basic(), task, category));
		}

		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (Request request : requests) {
				done.add(pool.submit(() -> {
					RawHttp.Answer answer = RawHttp.send(this.port, request.method(), request.target(),
							request.headers(), request.body());
					statuses.computeIfAbsent(answer.status(), (status) -> new AtomicInteger()).incrementAndGet();
					if (answer.status() >= 500 && !allowed(request, answer.status())) {
						failures.add(answer.status() + " for " + request + "\n" + answer.body());
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(failures).as("5xx answers (seed %d; statuses %s)", seed, statuses).isEmpty();
		// the run reached the application, not only Tomcat's request parser
		assertThat(statuses.keySet()).contains(200, 400, 401, 404);
		assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(REQUESTS);
	}

	private static boolean allowed(Request request, int status) {
		return (status == 501 && request.method().equals("CONNECT")) || status == 505;
	}

	private static Request generate(Random random, String bearer, String basic, long task, long category) {
		String method = pick(random, METHODS);
		String target = path(random, task, category) + query(random);
		List<String> headers = new ArrayList<>();
		switch (random.nextInt(6)) {
			case 0, 1 -> headers.add("Authorization: " + bearer);
			case 2 -> headers.add("Authorization: " + basic);
			case 3 -> headers.add("Authorization: " + pick(random, "Bearer ", "Bearer tf_nope", "Basic ", "Basic !!!",
					"Basic " + java.util.Base64.getEncoder().encodeToString("a@b.c:wrong".getBytes()), "Digest x",
					"Bearer " + "x".repeat(5000)));
			default -> {
			}
		}
		if (random.nextInt(3) > 0) {
			headers.add("Content-Type: " + pick(random, CONTENT_TYPES));
		}
		if (random.nextInt(4) == 0) {
			headers.add(pick(random, "If-Match: \"0\"", "If-Match: *", "If-Match: W/\"0\"", "If-Match: \"x\"",
					"If-Match: ", "If-Match: \"1\", \"2\"", "If-None-Match: *"));
		}
		if (random.nextInt(4) == 0) {
			headers.add(pick(random, "Origin: http://a b", "Origin: http://127.0.0.1:8080x", "Origin: null",
					"Origin: https://evil.example", "Accept: application/xml", "Accept: text/html", "Accept: */*;q=x",
					"Accept-Language: zz-ZZ,;q=", "X-Forwarded-For: not an address", "X-Forwarded-Proto: gopher",
					"Cookie: SESSION=garbage; TASKFEED-CSRF=%%", "Range: bytes=9-1", "Upgrade: websocket",
					"Accept-Encoding: gzip;q=2", "X-Requested-With: XMLHttpRequest"));
		}
		byte[] body = null;
		if (random.nextInt(3) > 0) {
			body = (random.nextInt(8) == 0) ? randomBytes(random)
					: pick(random, BODIES).getBytes(StandardCharsets.UTF_8);
		}
		return new Request(method, target, headers.toArray(String[]::new), body);
	}

	private static String path(Random random, long task, long category) {
		String id = pick(random, Long.toString(task), Long.toString(category), "0", "-1", "1.5", "abc",
				"99999999999999999999", "%20", "%zz", "%C3%A9", "1;x=y", "", "..%2f..", "null");
		return pick(random, "/api/users", "/api/users/me", "/api/tokens", "/api/tokens/" + id, "/api/categories",
				"/api/categories/" + id, "/api/tasks", "/api/tasks/" + id, "/api/tasks/trash",
				"/api/tasks/" + id + "/restore", "/api/tasks/" + task + "/categories/" + id,
				"/api/tasks/" + id + "/categories/" + category, "/api", "/api/", "/api/nothing/" + id, "/", "/tasks",
				"/tasks/" + id, "/tasks/" + id + "/edit", "/tasks/" + id + "/delete", "/trash", "/categories",
				"/categories/" + id + "/edit", "/login", "/register", "/logout", "/error", "/actuator",
				"/actuator/health", "/actuator/env", "/actuator/" + id, "/ws", "/ws/" + id, "/v3/api-docs",
				"/swagger-ui.html", "/css/app.css", "/webjars/none.js", "/%", "/a%zzb", "/" + id, "/api/projects",
				"/api/projects/" + id, "/api/projects/" + id + "/members", "/api/projects/" + id + "/members/" + id,
				"/api/tasks/" + task + "/comments", "/api/tasks/" + id + "/comments", "/api/comments/" + id,
				"/projects", "/projects/" + id, "/projects/" + id + "/members", "/projects/" + id + "/leave",
				"/tasks/" + task + "/comments");
	}

	private static String query(Random random) {
		if (random.nextBoolean()) {
			return "";
		}
		return "?" + pick(random, "q=%", "q=%zz", "q=%ff", "q=%e2%82", "q=caf%C3%A9", "page=-1", "page=x", "size=0",
				"size=1000", "size=99999999999", "sort=nope,asc", "sort=title,sideways", "sort=", "status=DONE",
				"status=done", "status=", "categoryId=x", "categoryId=-5", "dueBefore=2026-13-01", "dueAfter=tomorrow",
				"lang=es", "lang=zz", "error", "logout", "throttled=999999", "&&&=&=", "a=" + "b".repeat(3000), "%zz=1",
				"q=%00", "projectId=x", "projectId=1", "assignee=me", "assignee=x", "assignee=-1", "project=x");
	}

	private static byte[] randomBytes(Random random) {
		byte[] bytes = new byte[random.nextInt(1, 200)];
		random.nextBytes(bytes);
		return bytes;
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... values) {
		return values[random.nextInt(values.length)];
	}

	private record Request(String method, String target, String[] headers, byte[] body) {

		@Override
		public String toString() {
			return this.method + " " + this.target + " " + String.join(" | ", this.headers) + " body="
					+ ((this.body != null) ? new String(this.body, StandardCharsets.UTF_8) : "none");
		}

	}

}
