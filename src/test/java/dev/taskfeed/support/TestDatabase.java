package dev.taskfeed.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL per test JVM: a Testcontainers container where a Docker engine
 * answers, otherwise embedded PostgreSQL binaries. Set {@code TASKFEED_TEST_DB=embedded}
 * to skip the Docker probe.
 */
public final class TestDatabase {

	private static TestDatabase instance;

	private final String jdbcUrl;

	private final String username;

	private final String password;

	private TestDatabase(String jdbcUrl, String username, String password) {
		this.jdbcUrl = jdbcUrl;
		this.username = username;
		this.password = password;
	}

	public static synchronized TestDatabase get() {
		if (instance == null) {
			instance = dockerAvailable() ? startContainer() : startEmbedded();
		}
		return instance;
	}

	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	public String username() {
		return this.username;
	}

	public String password() {
		return this.password;
	}

	private static boolean dockerAvailable() {
		if ("embedded".equalsIgnoreCase(System.getenv("TASKFEED_TEST_DB"))) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@SuppressWarnings("resource")
	private static TestDatabase startContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
	}

	private static TestDatabase startEmbedded() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// the JVM is going away anyway
				}
			}));
			try (Connection connection = postgres.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("create database taskfeed");
			}
			return new TestDatabase(postgres.getJdbcUrl("postgres", "taskfeed"), "postgres", "");
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start the embedded PostgreSQL for the tests", ex);
		}
	}

}
