package dev.taskfeed.user;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.PageSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failed password sign-ins slow down further ones, per account and per address; never a
 * lockout.
 */
class SignInThrottleTests extends IntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void repeatedWrongPasswordsForOneAccountGet429UntilTheDelayPasses() {
		Api.User user = newUser();
		String bearer = "Bearer " + user.createToken("unaffected");
		String address = randomAddress();
		String wrong = basic(user.email(), "not-the-password");
		for (int i = 0; i < SignInThrottle.FREE_PER_ACCOUNT; i++) {
			get("/api/users/me", wrong, address).problem(401);
		}
		// one more wrong password: refused, and from now on the account waits a little
		get("/api/users/me", wrong, address).problem(401);
		Api.Response held = get("/api/users/me", wrong, address);
		held.problem(429);
		assertThat(Integer.parseInt(held.header("Retry-After"))).isBetween(1, 60);
		// meanwhile even the right password waits
		// (the password is not checked at all), from anywhere
		get("/api/users/me", user.basic(), randomAddress()).problem(429);
		// a Bearer token is not a password sign-in: unaffected
		get("/api/users/me", bearer, address).expect(200);
		// once the delay has passed, the owner's password works, and clears the count
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> get("/api/users/me", user.basic(), address).status() == 200);
		assertThat(this.jdbc.queryForObject("select count(*) from sign_in_throttle where throttle_key = ?", Long.class,
				"account:" + user.email().toLowerCase()))
			.isZero();
		get("/api/users/me", wrong, address).problem(401);
	}

	@Test
	void theDelayGrowsWithEveryFurtherFailure() {
		assertThat(SignInThrottle.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(SignInThrottle.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(SignInThrottle.delayAfter(4)).isEqualTo(Duration.ofSeconds(8));
		assertThat(SignInThrottle.delayAfter(50)).isEqualTo(SignInThrottle.MAX_DELAY);
	}

	@Test
	void oneAddressGuessingManyAccountsIsSlowedToo() {
		String address = randomAddress();
		for (int i = 0; i < SignInThrottle.FREE_PER_ADDRESS + 1; i++) {
			get("/api/users/me", basic("nobody-" + i + "-" + address + "@example.com", "guess"), address).problem(401);
		}
		get("/api/users/me", basic("someone-else@example.com", "guess"), address).problem(429);
		// another address is not held back
		Api.User user = newUser();
		get("/api/users/me", user.basic(), randomAddress()).expect(200);
	}

	@Test
	void theLoginFormSaysToWait() {
		Api.User user = newUser();
		PageSession browser = new PageSession(this.port, "en");
		browser.get("/login");
		for (int i = 0; i <= SignInThrottle.FREE_PER_ACCOUNT; i++) {
			HttpResponse<String> failed = browser.post("/login", "username", user.email(), "password", "wrong");
			assertThat(PageSession.location(failed)).isEqualTo("/login");
		}
		HttpResponse<String> held = browser.post("/login", "username", user.email(), "password", user.password());
		assertThat(held.statusCode()).isEqualTo(302);
		assertThat(held.headers().firstValue("Location").orElseThrow()).contains("/login?throttled=");
		String page = browser.get(URIs.pathAndQuery(held)).body();
		assertThat(page).contains("Too many failed sign-ins");
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).until(() -> {
			browser.get("/login");
			HttpResponse<String> signIn = browser.post("/login", "username", user.email(), "password", user.password());
			return "/tasks".equals(PageSession.location(signIn));
		});
	}

	private Api.Response get(String path, String authorization, String address) {
		return this.api.send("GET", path, authorization, null, "X-Forwarded-For", address);
	}

	private static String basic(String email, String password) {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString((email + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private static String randomAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

	private static final class URIs {

		static String pathAndQuery(HttpResponse<String> response) {
			java.net.URI uri = java.net.URI.create(response.headers().firstValue("Location").orElseThrow());
			return uri.getRawPath() + "?" + uri.getRawQuery();
		}

	}

}
