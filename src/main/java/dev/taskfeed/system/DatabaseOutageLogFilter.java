package dev.taskfeed.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.taskfeed.common.DatabaseFailures;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * While the database is unreachable, every layer that touches it (the transaction
 * manager, the pool, the templates, the session cleanup, health) reports the same outage
 * with a stack trace, many at ERROR, although each request is answered with an honest
 * 503. Such a report becomes one WARN line naming the cause, from the same logger; a
 * failure that is not an outage is logged untouched.
 */
class DatabaseOutageLogFilter extends TurboFilter {

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (level == null || !level.isGreaterOrEqual(Level.WARN)) {
			return FilterReply.NEUTRAL;
		}
		Throwable failure = (t != null) ? t : lastThrowable(params);
		if (failure == null || !fromTheDatabase(failure) || !DatabaseFailures.isUnavailable(failure)) {
			return FilterReply.NEUTRAL;
		}
		String message = (format != null) ? MessageFormatter.arrayFormat(format, params).getMessage() : "";
		// no throwable this time, so this line passes the filter
		logger.warn("{} (the database is unreachable: {})", message, rootCause(failure));
		return FilterReply.DENY;
	}

	/**
	 * Whether the failure came through the database's layers (JDBC, the pool, Hibernate,
	 * Spring's data access and transactions): a refused connection elsewhere (the broker,
	 * an outbound call) keeps its full report.
	 */
	private static boolean fromTheDatabase(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			String name = current.getClass().getName();
			if (current instanceof java.sql.SQLException || name.startsWith("org.springframework.dao.")
					|| name.startsWith("org.springframework.transaction.") || name.startsWith("org.hibernate.")
					|| name.startsWith("org.postgresql.") || name.startsWith("com.zaxxer.hikari.")) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	private static Throwable lastThrowable(Object[] params) {
		return (params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) ? last
				: null;
	}

	private static String rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
	}

	/**
	 * Installs the filter once logging is set up (Spring Boot configures Logback before
	 * the context is prepared), and again if a later start set logging up anew.
	 */
	static class Installer implements ApplicationListener<ApplicationPreparedEvent> {

		@Override
		public void onApplicationEvent(ApplicationPreparedEvent event) {
			if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
				return;
			}
			boolean installed = context.getTurboFilterList()
				.stream()
				.anyMatch(DatabaseOutageLogFilter.class::isInstance);
			if (!installed) {
				context.addTurboFilter(new DatabaseOutageLogFilter());
			}
		}

	}

}
