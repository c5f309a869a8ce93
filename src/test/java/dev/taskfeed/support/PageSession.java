package dev.taskfeed.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser without JavaScript: a cookie jar, form posts carrying the page's CSRF token,
 * and no automatic redirects, so each POST-redirect-GET step can be checked.
 */
public final class PageSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final String baseUrl;

	private final CookieManager cookies;

	private final HttpClient client;

	private final String acceptLanguage;

	private String csrf;

	public PageSession(int port, String acceptLanguage) {
		this(port, acceptLanguage, new CookieManager(), null);
	}

	private PageSession(int port, String acceptLanguage, CookieManager cookies, String csrf) {
		this.baseUrl = "http://localhost:" + port;
		this.acceptLanguage = acceptLanguage;
		this.cookies = cookies;
		this.csrf = csrf;
		this.client = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * The same browser (cookies, last CSRF token) talking to another server instance, as
	 * a load balancer would send it.
	 */
	public PageSession onPort(int port) {
		return new PageSession(port, this.acceptLanguage, this.cookies, this.csrf);
	}

	/** The last page's CSRF token. */
	public String csrfToken() {
		return this.csrf;
	}

	/** A cookie as a {@code Cookie} header value ({@code name=value}). */
	public String cookie(String name) {
		return this.cookies.getCookieStore()
			.get(URI.create(this.baseUrl + "/"))
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no cookie " + name))
			.toString();
	}

	/**
	 * Every cookie this browser holds, as a {@code Cookie} header value, as a browser
	 * sends them.
	 */
	public String cookies() {
		return this.cookies.getCookieStore()
			.get(URI.create(this.baseUrl + "/"))
			.stream()
			.map(Object::toString)
			.collect(Collectors.joining("; "));
	}

	/** GET a page; remembers its CSRF token for the next form post. */
	public HttpResponse<String> get(String path) {
		HttpResponse<String> response = send(request(path).GET().build());
		Matcher matcher = CSRF.matcher(response.body());
		if (matcher.find()) {
			this.csrf = matcher.group(1);
		}
		return response;
	}

	/** POST a form with the last page's CSRF token; fields are name, value pairs. */
	public HttpResponse<String> post(String path, String... fields) {
		String[] withToken = Stream.concat(Stream.of(fields), Stream.of("_csrf", this.csrf)).toArray(String[]::new);
		return postWithout(path, withToken);
	}

	/**
	 * POST a form with the last page's CSRF token and one more cookie, as a forged
	 * browser would.
	 */
	public HttpResponse<String> postWithCookie(String path, String cookie, String... fields) {
		String[] withToken = Stream.concat(Stream.of(fields), Stream.of("_csrf", this.csrf)).toArray(String[]::new);
		String body = Stream.iterate(0, (i) -> i < withToken.length, (i) -> i + 2)
			.map((i) -> encode(withToken[i]) + "=" + encode(withToken[i + 1]))
			.collect(Collectors.joining("&"));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookies() + "; " + cookie)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/** POST a form exactly as given (no CSRF token added). */
	public HttpResponse<String> postWithout(String path, String... fields) {
		String body = Stream.iterate(0, (i) -> i < fields.length, (i) -> i + 2)
			.map((i) -> encode(fields[i]) + "=" + encode(fields[i + 1]))
			.collect(Collectors.joining("&"));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	public PageSession signIn(String email, String password) {
		get("/login");
		HttpResponse<String> response = post("/login", "username", email, "password", password);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(location(response)).isEqualTo("/tasks");
		return this;
	}

	public static String location(HttpResponse<String> response) {
		return URI.create(response.headers().firstValue("Location").orElseThrow()).getPath();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
			.header("Accept-Language", this.acceptLanguage);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
