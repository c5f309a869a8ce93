package dev.taskfeed.system;

import java.io.IOException;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The database TaskFeed uses: the one {@code spring.datasource.url} names (set from
 * {@code DATABASE_URL} on Heroku, see {@link DatabaseUrlEnvironmentPostProcessor}), or,
 * with none configured, an {@link EmbeddedDatabase} of its own. The choice is made when
 * the pool is created, not by a bean condition: the build's Spring AOT processing fixes
 * conditions at build time, and the same jar must run with and without a URL.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DataSourceConfiguration.EmbeddedDatabaseProperties.class)
class DataSourceConfiguration {

	@Bean
	EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseProperties properties, ConfigurableApplicationContext context) {
		return new EmbeddedDatabase(properties, context);
	}

	/**
	 * The pool, with Boot's {@code spring.datasource.hikari.*} settings bound to it as
	 * Boot's own would have them. A service connection (a Testcontainers database in the
	 * tests, where Docker answers) wins over the properties, as in Boot.
	 */
	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(DataSourceProperties properties, ObjectProvider<JdbcConnectionDetails> connection,
			EmbeddedDatabase embedded) throws IOException {
		if (!StringUtils.hasText(properties.getUrl()) && connection.getIfAvailable() == null) {
			return withoutErrorDetail(embedded(embedded.start()));
		}
		JdbcConnectionDetails details = connection.getIfAvailable();
		HikariDataSource dataSource = DataSourceBuilder.create(properties.getClassLoader())
			.type(HikariDataSource.class)
			.url((details != null) ? details.getJdbcUrl() : properties.getUrl())
			.username((details != null) ? details.getUsername() : properties.getUsername())
			.password((details != null) ? details.getPassword() : properties.getPassword())
			.driverClassName((details != null) ? details.getDriverClassName() : properties.getDriverClassName())
			.build();
		if (StringUtils.hasText(properties.getName())) {
			dataSource.setPoolName(properties.getName());
		}
		return withoutErrorDetail(dataSource);
	}

	/**
	 * PostgreSQL's errors, as the driver words them, leave out the values: by default a
	 * failed batch names its statement with every parameter ({@code title=('...')}) and a
	 * unique violation its key ({@code Key (name)=(...) already exists}), and whoever
	 * logs the exception then logs a user's titles, comments or names. Without the detail
	 * the message keeps the error and its SQLState, which is what the API's answers and
	 * the logs need.
	 */
	private static HikariDataSource withoutErrorDetail(HikariDataSource dataSource) {
		dataSource.addDataSourceProperty("logServerErrorDetail", "false");
		return dataSource;
	}

	private static HikariDataSource embedded(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.url(postgres.getJdbcUrl("postgres", "postgres"))
			.username("postgres")
			.build();
		dataSource.setPoolName("taskfeed-embedded");
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

}
