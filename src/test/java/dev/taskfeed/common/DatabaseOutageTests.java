package dev.taskfeed.common;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.PageSession;
import dev.taskfeed.support.TcpProxy;
import dev.taskfeed.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.scheduling.support.TaskUtils;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away while requests run (the server reaches it through a proxy this
 * test cuts): every request that needs it gets 503 with {@code Retry-After}, problem+json
 * on the API and an HTML page for pages, health says DOWN, and everything works again
 * once it is back. A server of its own (its database URL differs), closed after this
 * class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.hikari.connection-timeout=1000",
				"spring.datasource.hikari.maximum-pool-size=4" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTests {

	private static final TcpProxy proxy = startProxy();

	@LocalServerPort
	int port;

	@Autowired
	JdbcIndexedSessionRepository sessions;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase database = TestDatabase.get();
		URI direct = URI.create(database.jdbcUrl().substring("jdbc:".length()));
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + direct.getRawPath()
				+ ((direct.getRawQuery() != null) ? "?" + direct.getRawQuery() : ""));
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@AfterAll
	static void closeProxy() {
		proxy.close();
	}

	@Test
	void whileTheDatabaseIsUnreachableEveryRequestGets503AndThenAllWorksAgain(CapturedOutput output) throws Exception {
		Api api = new Api(this.port);
		String email = "outage-" + System.nanoTime() + "@example.com";
		Api.User user = api.register(email, "password-outage", "Outage");
		String bearer = "Bearer " + user.createToken("outage");
		PageSession browser = new PageSession(this.port, "en").signIn(user.email(), user.password());
		api.send("GET", "/actuator/health", null, null).expect(200);

		// a calendar URL's secret is a credential: it never reaches the log
		String calendar = URI
			.create(api.send("POST", "/api/calendar-feeds", bearer, null).expect(201).json().get("url").asString())
			.getPath();
		String secret = calendar.substring("/calendar/".length(), calendar.length() - ".ics".length());

		int logBefore = output.length();
		proxy.cut();
		try {
			// the API, by every way of signing in, and while requests run side by side
			ExecutorService pool = Executors.newFixedThreadPool(8);
			List<Future<Api.Response>> running = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				int n = i;
				running.add(pool.submit(() -> switch (n % 4) {
					case 0 -> api.send("GET", "/api/tasks", bearer, null);
					case 1 -> api.send("POST", "/api/tasks", bearer, "{\"title\":\"During the outage\"}");
					case 2 -> api.send("GET", "/api/users/me", user.basic(), null);
					default -> api.send("POST", "/api/users", null, Api.json(java.util.Map.of("email",
							"new-" + n + email, "password", "password-new", "displayName", "New")));
				}));
			}
			for (Future<Api.Response> answer : running) {
				Api.Response response = answer.get();
				response.problem(503);
				assertThat(response.header("Retry-After")).isNotNull();
			}
			pool.shutdown();

			// a page of a signed-in browser: an HTML 503
			HttpResponse<String> page = browser.get("/tasks");
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
			assertThat(page.headers().firstValue("Retry-After")).isPresent();
			assertThat(page.body()).doesNotContain("Exception");

			// a sign-in through the form cannot be checked: 503, not "wrong password"
			PageSession stranger = new PageSession(this.port, "en");
			stranger.get("/login");
			assertThat(stranger.post("/login", "username", user.email(), "password", user.password()).statusCode())
				.isEqualTo(503);

			// a calendar app polling: 503 too (not an empty calendar), its secret not
			// logged
			Api.Response polled = api.send("GET", calendar, null, null).expect(503);
			assertThat(polled.header("Content-Type")).startsWith("text/plain");
			assertThat(polled.header("Retry-After")).isNotNull();

			// health says DOWN
			Api.Response health = api.send("GET", "/actuator/health", null, null);
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().get("status").asString()).isEqualTo("DOWN");

			// the browser sessions' periodic cleanup, run as the scheduler runs it
			TaskUtils.decorateTaskWithErrorHandler(this.sessions::cleanUpExpiredSessions, null, true).run();

			// the outage is in the log, once per report,
			// as a warning without a stack trace
			String log = output.toString().substring(logBefore);
			assertThat(log).contains("Unexpected error occurred in scheduled task (the database is unreachable: ");
			assertThat(log).doesNotContain(" ERROR ").doesNotContain("\n\tat ");
			assertThat(log).contains("/calendar/(secret)").doesNotContain(secret);
		}
		finally {
			proxy.restore();
		}

		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> api.send("GET", "/actuator/health", null, null).status() == 200);
		api.send("POST", "/api/tasks", bearer, "{\"title\":\"After the outage\"}").expect(201);
		assertThat(api.send("GET", "/api/tasks", bearer, null).expect(200).json().get("content").size()).isEqualTo(1);
		assertThat(browser.get("/tasks").statusCode()).isEqualTo(200);
	}

	private static TcpProxy startProxy() {
		try {
			URI direct = URI.create(TestDatabase.get().jdbcUrl().substring("jdbc:".length()));
			return new TcpProxy(direct.getHost(), direct.getPort());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
