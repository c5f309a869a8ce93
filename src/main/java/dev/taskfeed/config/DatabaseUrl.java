package dev.taskfeed.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A {@code postgres://user:password@host:port/database} URL as Heroku sets it in
 * {@code DATABASE_URL}, turned into JDBC settings. TLS is required unless the host is local
 * or the URL already says which {@code sslmode} to use.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

	private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

	public static DatabaseUrl parse(String url) {
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException ex) {
			throw invalid("it is not a URL");
		}
		String scheme = uri.getScheme();
		if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
			throw invalid("the scheme must be postgres:// or postgresql://");
		}
		String host = uri.getHost();
		if (host == null || host.isBlank()) {
			throw invalid("it names no host");
		}
		String userInfo = uri.getRawUserInfo();
		if (userInfo == null || userInfo.isBlank()) {
			throw invalid("it names no user");
		}
		String database = (uri.getRawPath() != null) ? uri.getRawPath().replaceFirst("^/", "") : "";
		if (database.isBlank() || database.contains("/")) {
			throw invalid("it names no database (postgres://user:password@host:port/database)");
		}
		int colon = userInfo.indexOf(':');
		String username = decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
		String password = (colon < 0) ? "" : decode(userInfo.substring(colon + 1));
		int port = (uri.getPort() == -1) ? 5432 : uri.getPort();
		if (port < 1 || port > 65535) {
			throw invalid("its port is out of range");
		}
		String query = uri.getRawQuery();
		boolean local = LOCAL_HOSTS.contains(host);
		StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port).append('/')
			.append(database);
		if (query != null && !query.isBlank()) {
			jdbc.append('?').append(query);
		}
		if (!local && (query == null || !query.contains("sslmode="))) {
			jdbc.append((query == null || query.isBlank()) ? '?' : '&').append("sslmode=require");
		}
		return new DatabaseUrl(jdbc.toString(), username, password);
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static MalformedException invalid(String reason) {
		// never echo the URL: it carries the password
		return new MalformedException("DATABASE_URL is malformed: " + reason + ".");
	}

	/** The URL cannot be used; the message names the variable and the reason, never the URL. */
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
