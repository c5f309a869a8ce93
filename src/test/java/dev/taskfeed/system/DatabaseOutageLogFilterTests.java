package dev.taskfeed.system;

import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the outage filter does to a report, on a Logback context of its own: an outage
 * becomes one WARN line without a stack trace, anything else is left as it was logged.
 */
class DatabaseOutageLogFilterTests {

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	private Logger logger;

	@BeforeEach
	void logging() {
		LoggerContext context = new LoggerContext();
		context.addTurboFilter(new DatabaseOutageLogFilter());
		this.events.setContext(context);
		this.events.start();
		this.logger = context.getLogger("dev.taskfeed.example");
		this.logger.addAppender(this.events);
	}

	@Test
	void anOutageBecomesOneWarningWithoutAStackTrace() {
		Exception outage = new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
				new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
		this.logger.error("Unexpected failure answering {}", "/api/tasks", outage);

		assertThat(this.events.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).hasToString("WARN");
			assertThat(event.getThrowableProxy()).isNull();
			assertThat(event.getFormattedMessage()).isEqualTo("Unexpected failure answering /api/tasks (the database "
					+ "is unreachable: SQLTransientConnectionException: HikariPool-1 - Connection is not available)");
		});
	}

	@Test
	void aFailureThatIsNotAnOutageKeepsItsLevelAndStackTrace() {
		this.logger.error("Unexpected failure answering {}", "/api/tasks", new IllegalStateException("a bug"));

		assertThat(this.events.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).hasToString("ERROR");
			assertThat(event.getThrowableProxy().getMessage()).isEqualTo("a bug");
		});
	}

	@Test
	void aRefusedConnectionOutsideTheDatabaseKeepsItsFullReport() {
		this.logger.error("Could not reach the broker", new ConnectException("Connection refused"));

		assertThat(this.events.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).hasToString("ERROR");
			assertThat(event.getThrowableProxy().getClassName()).isEqualTo(ConnectException.class.getName());
		});
	}

}
