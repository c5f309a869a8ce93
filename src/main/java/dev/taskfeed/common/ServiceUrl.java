package dev.taskfeed.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A service URL as platforms hand them over ({@code postgres://user:pass@host:5432/db},
 * {@code amqps://user:pass@host/vhost}), split into its parts with the user, password and
 * path percent-decoded. It never repeats the URL in a message: it carries a password.
 *
 * @param scheme the scheme, as written
 * @param host the host, or null if none
 * @param port the port, or -1 if none
 * @param user the user, or null if none
 * @param password the password, or null if none
 * @param path the path without its leading slash (empty if none)
 * @param rawQuery the query as written, or null
 */
public record ServiceUrl(String scheme, String host, int port, String user, String password, String path,
		String rawQuery) {

	/**
	 * @throws IllegalArgumentException if it is not a URL (the message does not repeat
	 * it)
	 */
	public static ServiceUrl parse(String url) {
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("it is not a URL");
		}
		String userInfo = uri.getRawUserInfo();
		String user = null;
		String password = null;
		if (userInfo != null && !userInfo.isEmpty()) {
			int colon = userInfo.indexOf(':');
			user = decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
			password = (colon < 0) ? null : decode(userInfo.substring(colon + 1));
		}
		String path = (uri.getRawPath() != null) ? decode(uri.getRawPath().replaceFirst("^/", "")) : "";
		return new ServiceUrl(uri.getScheme(), uri.getHost(), uri.getPort(), user, password, path, uri.getRawQuery());
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return this.scheme + "://" + ((this.user != null) ? this.user + "@" : "") + this.host
				+ ((this.port != -1) ? ":" + this.port : "") + "/" + this.path;
	}

}
