package dev.taskfeed.common;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that cannot be reached (down, restarting, a broken connection, the
 * pool out of time) from a request that is wrong: the first is a 503 with
 * {@code Retry-After}, never a 500.
 */
public final class DatabaseFailures {

	static final String DETAIL = "TaskFeed cannot reach its database right now; nothing was changed by this "
			+ "request if it failed before an answer. Try again in a few seconds.";

	private DatabaseFailures() {
	}

	/** Whether this failure, or one of its causes, means the database is unreachable. */
	public static boolean isUnavailable(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof CannotCreateTransactionException
					|| current instanceof DataAccessResourceFailureException
					|| current instanceof SQLTransientConnectionException
					|| current instanceof SQLNonTransientConnectionException || current instanceof ConnectException
					|| current.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
				return true;
			}
			if (current instanceof SQLException sql && (isConnectionState(sql.getSQLState()) || isClosed(sql))) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	/**
	 * Whether two transactions collided in the database (a deadlock, a serialization
	 * failure, a lock that could not be had): worth running the transaction again.
	 */
	public static boolean isCollision(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof PessimisticLockingFailureException) {
				return true;
			}
			if (current instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

	/**
	 * A connection that broke while in use: rolling back on it then fails with
	 * "Connection is closed" (the pool's words) or "This connection has been closed."
	 * (the driver's), which replaces the first failure.
	 */
	private static boolean isClosed(SQLException sql) {
		String message = sql.getMessage();
		return message != null
				&& (message.equals("Connection is closed") || message.equals("This connection has been closed."));
	}

	/**
	 * Class 08 (connection exception) and 57P01..57P03 (the server is shutting down or
	 * starting).
	 */
	private static boolean isConnectionState(String state) {
		return state != null
				&& (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
	}

}
