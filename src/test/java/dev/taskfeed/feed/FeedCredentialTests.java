package dev.taskfeed.feed;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.PageSession;
import dev.taskfeed.support.StompTestClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A live connection lasts as long as what opened it: a revoked API token or a signed-out
 * browser loses its connections, on this instance at once and elsewhere at the next
 * check.
 */
class FeedCredentialTests extends IntegrationTest {

	private static final Duration PROMPTLY = Duration.ofSeconds(2);

	@Autowired
	private FeedCredentials credentials;

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private DataSource dataSource;

	@Test
	void revokingATokenClosesItsConnectionsAndNoOthers() throws Exception {
		Api.User user = newUser();
		String revoked = user.createToken("old script");
		long revokedId = tokenId(user, "old script");
		String kept = user.createToken("new script");
		try (StompTestClient byRevoked = StompTestClient.connect(this.port, "Bearer " + revoked);
				StompTestClient byKept = StompTestClient.connect(this.port, "Bearer " + kept);
				StompTestClient byPassword = StompTestClient.connect(this.port, user.basic())) {
			byRevoked.subscribe("/user/queue/tasks");
			byKept.subscribe("/user/queue/tasks");
			user.delete("/api/tokens/" + revokedId).expect(204);

			await().atMost(PROMPTLY).until(() -> !byRevoked.isConnected());
			assertThat(byKept.isConnected()).isTrue();
			assertThat(byPassword.isConnected()).isTrue();
			// and the token opens no new one
			assertThat(StompTestClient.handshakeStatus(this.port, "Authorization: Bearer " + revoked)).isEqualTo(401);
		}
	}

	@Test
	void signingOutClosesThatBrowsersConnectionsAndNotTheOtherBrowsers() throws Exception {
		Api.User user = newUser();
		PageSession laptop = new PageSession(this.port, "en").signIn(user.email(), user.password());
		PageSession phone = new PageSession(this.port, "en").signIn(user.email(), user.password());
		try (StompTestClient laptopFeed = pageFeed(laptop); StompTestClient phoneFeed = pageFeed(phone)) {
			assertThat(laptop.post("/logout").statusCode()).isEqualTo(302);

			await().atMost(PROMPTLY).until(() -> !laptopFeed.isConnected());
			assertThat(phoneFeed.isConnected()).isTrue();
		}
	}

	@Test
	void theCheckClosesConnectionsWhoseTokenOrSessionIsGoneFromTheDatabase() throws Exception {
		// as when another instance revoked the token or
		// signed the browser out, or the session expired
		Api.User user = newUser();
		String token = user.createToken("script");
		PageSession browser = new PageSession(this.port, "en").signIn(user.email(), user.password());
		try (StompTestClient script = StompTestClient.connect(this.port, "Bearer " + token);
				StompTestClient page = pageFeed(browser);
				StompTestClient bystander = StompTestClient.connect(this.port, newUser().basic())) {
			this.credentials.check();
			assertThat(script.isConnected()).isTrue();
			assertThat(page.isConnected()).isTrue();

			this.jdbc.update("delete from api_tokens where id = ?", tokenId(user, "script"));
			this.jdbc.update("update http_session set expiry_time = 0 where principal_name = ?", user.email());
			this.credentials.check();

			await().atMost(PROMPTLY).until(() -> !script.isConnected() && !page.isConnected());
			assertThat(bystander.isConnected()).isTrue();
		}
	}

	@Test
	void aConnectionThatOpensWhileACheckRunsIsLeftAlone() throws Exception {
		Api.User user = newUser();
		String token = user.createToken("script");
		PageSession browser = new PageSession(this.port, "en").signIn(user.email(), user.password());
		try (StompTestClient script = StompTestClient.connect(this.port, "Bearer " + token)) {
			CompletableFuture<Void> check;
			StompTestClient page;
			// hold the check at its first query (the tokens of the connections it saw)
			try (Connection lock = this.dataSource.getConnection()) {
				lock.setAutoCommit(false);
				lock.createStatement().execute("lock table api_tokens in access exclusive mode");
				check = CompletableFuture.runAsync(this.credentials::check);
				await().atMost(Duration.ofSeconds(5))
					.until(() -> this.jdbc.queryForObject(
							"select count(*) from pg_stat_activity "
									+ "where wait_event_type = 'Lock' and query like 'select id from api_tokens%'",
							Integer.class) >= 1);
				// meanwhile a page connects (its handshake reads no token)
				page = pageFeed(browser);
				lock.rollback();
			}
			check.get(5, TimeUnit.SECONDS);
			try (page) {
				// the check was not asked about the page's session:
				// it must leave the page open
				await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(page::isConnected);
				assertThat(script.isConnected()).isTrue();
			}
		}
	}

	@Test
	void aPageWatchingTheFeedKeepsItsBrowserSignedIn() throws Exception {
		Api.User user = newUser();
		PageSession browser = new PageSession(this.port, "en").signIn(user.email(), user.password());
		PageSession idle = new PageSession(this.port, "en").signIn(user.email(), user.password());
		try (StompTestClient page = pageFeed(browser)) {
			// both sessions idle for hours, a minute before they would expire
			long soon = System.currentTimeMillis() + 60_000;
			long lastUse = soon - Duration.ofHours(8).toMillis();
			this.jdbc.update("update http_session set last_access_time = ?, expiry_time = ? where principal_name = ?",
					lastUse, soon, user.email());
			this.credentials.check();

			assertThat(page.isConnected()).isTrue();
			Long watched = this.jdbc.queryForObject(
					"select max(expiry_time) from http_session where principal_name = ?", Long.class, user.email());
			assertThat(watched).as("the watching browser's session runs for its full idle time again")
				.isGreaterThan(System.currentTimeMillis() + Duration.ofHours(7).toMillis());
			Integer untouched = this.jdbc.queryForObject(
					"select count(*) from http_session where principal_name = ? and expiry_time = ?", Integer.class,
					user.email(), soon);
			assertThat(untouched).as("the other browser, which watches nothing, is left to expire").isEqualTo(1);
			assertThat(browser.get("/tasks").statusCode()).isEqualTo(200);
			assertThat(idle.get("/tasks").statusCode()).isEqualTo(200);
		}
	}

	/** The connection the task list page opens, subscribed to the task feed. */
	private StompTestClient pageFeed(PageSession browser) throws Exception {
		browser.get("/tasks");
		StompTestClient client = StompTestClient.connectAsPage(this.port, browser);
		client.subscribe("/user/queue/tasks");
		return client;
	}

	private static long tokenId(Api.User user, String name) {
		for (var token : user.get("/api/tokens").expect(200).json()) {
			if (token.get("name").asString().equals(name)) {
				return token.get("id").asLong();
			}
		}
		throw new AssertionError("no token named " + name);
	}

}
