package dev.taskfeed.support;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole server on a random port against the JVM's one PostgreSQL. Every test class shares
 * this one application context; tests stay apart by registering fresh users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.jpa.properties.hibernate.generate_statistics=true")
public abstract class IntegrationTest {

	@LocalServerPort
	protected int port;

	protected Api api;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabase database = TestDatabase.get();
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("spring.datasource.username", database::username);
		registry.add("spring.datasource.password", database::password);
	}

	@BeforeEach
	void api() {
		this.api = new Api(this.port);
	}

	/** A newly registered user, unique to the calling test. */
	protected Api.User newUser() {
		String email = "user-" + UUID.randomUUID() + "@example.com";
		return this.api.register(email, "password-" + email.hashCode(), "User " + email.substring(5, 13));
	}

}
