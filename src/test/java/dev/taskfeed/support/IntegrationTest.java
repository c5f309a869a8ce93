package dev.taskfeed.support;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole server on a random port against the JVM's one PostgreSQL: the container
 * {@link TestcontainersConfiguration} hands over where Docker answers, the embedded one
 * otherwise. Every test class shares this one application context; tests stay apart by
 * registering fresh users.
 */
// a token once checked stays remembered for the whole suite
// (5 s in production): a count of a request's statements never
// includes a re-check that the expiry happened to fall into
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.jpa.properties.hibernate.generate_statistics=true", "taskfeed.api-tokens.cache-ttl=1h" })
@Import(TestcontainersConfiguration.class)
public abstract class IntegrationTest {

	@LocalServerPort
	protected int port;

	protected Api api;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		// named even where @ServiceConnection hands the container over (its details win):
		// without a URL TaskFeed would start a database of its own
		TestDatabase database = TestDatabase.get();
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void api() {
		this.api = new Api(this.port);
		// every test signs in from this machine:
		// wrong passwords of earlier tests must not slow this one down
		// (tests of the throttle use addresses of their own, via X-Forwarded-For)
		this.jdbc.update("delete from sign_in_throttle where throttle_key in ('address:127.0.0.1', "
				+ "'address:0:0:0:0:0:0:0:1', 'address:::1')");
	}

	/**
	 * A newly registered user, unique to the calling test, whose helper calls carry an
	 * API token of its own ("test client"): the suite checks a bcrypt hash once per user,
	 * not once per request.
	 */
	protected Api.User newUser() {
		Api.User user = newPasswordOnlyUser();
		return user.withToken(user.createToken("test client"));
	}

	/** A newly registered user with no API token: its helper calls use HTTP Basic. */
	protected Api.User newPasswordOnlyUser() {
		String email = "user-" + UUID.randomUUID() + "@example.com";
		return this.api.register(email, "password-" + email.hashCode(), "User " + email.substring(5, 13));
	}

}
