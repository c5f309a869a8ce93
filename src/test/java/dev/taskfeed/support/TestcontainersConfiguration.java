package dev.taskfeed.support;

import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Where Docker answers, the application's PostgreSQL is a Testcontainers container handed
 * over by {@code @ServiceConnection}: the JVM's one, which {@link TestDatabase} also
 * gives the tests that need a JDBC URL of their own. Otherwise nothing here: the context
 * takes the embedded PostgreSQL from the URL {@link IntegrationTest} names.
 */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(DockerAnswers.class)
public class TestcontainersConfiguration {

	@Bean
	@ServiceConnection
	PostgreSQLContainer postgres() {
		return TestDatabase.container();
	}

}
