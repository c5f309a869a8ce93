package dev.taskfeed.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the database settings a platform hands us into Spring's datasource properties:
 * {@code JDBC_DATABASE_URL} as is, or Heroku's
 * {@code DATABASE_URL=postgres://user:pass@host:port/db}. An explicit
 * {@code spring.datasource.url} always wins. With none of them set, the embedded
 * PostgreSQL of {@link EmbeddedDatabase} starts instead.
 */
public class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "taskfeedDatabaseUrl";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("spring.datasource.url")) {
			return;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		String jdbcUrl = environment.getProperty("JDBC_DATABASE_URL");
		String databaseUrl = environment.getProperty("DATABASE_URL");
		if (jdbcUrl != null && !jdbcUrl.isBlank()) {
			properties.put("spring.datasource.url", jdbcUrl);
			putIfSet(properties, "spring.datasource.username", environment.getProperty("JDBC_DATABASE_USERNAME"));
			putIfSet(properties, "spring.datasource.password", environment.getProperty("JDBC_DATABASE_PASSWORD"));
		}
		else if (databaseUrl != null && !databaseUrl.isBlank()) {
			DatabaseUrl parsed = DatabaseUrl.parse(databaseUrl);
			properties.put("spring.datasource.url", parsed.jdbcUrl());
			properties.put("spring.datasource.username", parsed.username());
			properties.put("spring.datasource.password", parsed.password());
		}
		if (!properties.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		}
	}

	private static void putIfSet(Map<String, Object> properties, String key, String value) {
		if (value != null && !value.isBlank()) {
			properties.put(key, value);
		}
	}

	@Override
	public int getOrder() {
		// after the config data (application.properties,
		// environment variables) is in place
		return Ordered.LOWEST_PRECEDENCE;
	}

}
