package dev.taskfeed.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL per test JVM: a Testcontainers container where a Docker engine
 * answers (the one {@link TestcontainersConfiguration} hands to the application context),
 * otherwise embedded PostgreSQL binaries. Set {@code TASKFEED_TEST_DB=embedded} to skip
 * the Docker probe. Tests that start servers or migrate databases of their own take the
 * JDBC URL from here.
 */
public final class TestDatabase {

	private static TestDatabase instance;

	private static SharedPostgreSQLContainer container;

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
			instance = DockerAnswers.now() ? of(container()) : startEmbedded();
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

	/**
	 * The JVM's PostgreSQL container, started on first use; only where Docker answers.
	 */
	@SuppressWarnings("resource")
	static synchronized PostgreSQLContainer container() {
		if (container == null) {
			SharedPostgreSQLContainer started = new SharedPostgreSQLContainer();
			started.start();
			Runtime.getRuntime().addShutdownHook(new Thread(started::stopWithTheJvm));
			container = started;
		}
		return container;
	}

	private static TestDatabase of(PostgreSQLContainer container) {
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

	/**
	 * A container that outlives the application contexts using it: a context that closes
	 * (a dirtied one, say) would otherwise stop it under the tests still running.
	 */
	private static final class SharedPostgreSQLContainer extends PostgreSQLContainer {

		SharedPostgreSQLContainer() {
			super("postgres:17-alpine");
		}

		@Override
		public void close() {
			// stopped with the JVM, not with a context
		}

		void stopWithTheJvm() {
			stop();
		}

	}

}
