package dev.taskfeed.system;

import java.util.Set;

import dev.taskfeed.common.ServiceUrl;

/**
 * A {@code postgres://user:password@host:port/database} URL as Heroku sets it in
 * {@code DATABASE_URL}, turned into JDBC settings. TLS is required unless the host is
 * local or the URL already says which {@code sslmode} to use.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

	private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

	public static DatabaseUrl parse(String url) {
		ServiceUrl parts;
		try {
			parts = ServiceUrl.parse(url);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(ex.getMessage());
		}
		if (!"postgres".equals(parts.scheme()) && !"postgresql".equals(parts.scheme())) {
			throw invalid("the scheme must be postgres:// or postgresql://");
		}
		if (parts.host() == null || parts.host().isBlank()) {
			throw invalid("it names no host");
		}
		if (parts.user() == null || parts.user().isBlank()) {
			throw invalid("it names no user");
		}
		if (parts.path().isBlank() || parts.path().contains("/")) {
			throw invalid("it names no database (postgres://user:password@host:port/database)");
		}
		int port = (parts.port() == -1) ? 5432 : parts.port();
		if (port < 1 || port > 65535) {
			throw invalid("its port is out of range");
		}
		return new DatabaseUrl(jdbcUrl(parts, port), parts.user(), (parts.password() != null) ? parts.password() : "");
	}

	/**
	 * TLS unless the host is local or the URL already says which {@code sslmode} to use.
	 */
	private static String jdbcUrl(ServiceUrl parts, int port) {
		String query = parts.rawQuery();
		StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(parts.host())
			.append(':')
			.append(port)
			.append('/')
			.append(parts.path());
		if (query != null && !query.isBlank()) {
			jdbc.append('?').append(query);
		}
		if (!LOCAL_HOSTS.contains(parts.host()) && (query == null || !query.contains("sslmode="))) {
			jdbc.append((query == null || query.isBlank()) ? '?' : '&').append("sslmode=require");
		}
		return jdbc.toString();
	}

	private static MalformedException invalid(String reason) {
		// never echo the URL: it carries the password
		return new MalformedException("DATABASE_URL is malformed: " + reason + ".");
	}

	/**
	 * The URL cannot be used; the message names the variable and the reason, never the
	 * URL.
	 */
	public static final class MalformedException extends IllegalArgumentException {

		MalformedException(String message) {
			super(message);
		}

	}

	@Override
	public String toString() {
		return "DatabaseUrl[" + this.jdbcUrl + ", user=" + this.username + "]";
	}

}
