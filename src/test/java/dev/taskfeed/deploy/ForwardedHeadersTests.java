package dev.taskfeed.deploy;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Behind Heroku's router, which ends TLS and says so in X-Forwarded-Proto. */
class ForwardedHeadersTests extends IntegrationTest {

	@Test
	void redirectsAndSessionCookiesFollowTheRoutersHttps() {
		Api.Response response = this.api.send("GET", "/tasks", null, null, "X-Forwarded-Proto", "https",
				"X-Forwarded-Port", "443", "X-Forwarded-For", "203.0.113.7");
		assertThat(response.status()).isEqualTo(302);
		assertThat(followedFrom("https://localhost/tasks", response.header("Location")))
			.startsWith("https://localhost/login");
		// an anonymous visit starts no session;
		// the cookies it does get follow the router's https
		java.util.List<String> cookies = response.raw().headers().allValues("Set-Cookie");
		assertThat(cookies).isNotEmpty().noneMatch((cookie) -> cookie.startsWith("SESSION"));
		assertThat(cookies).allMatch((cookie) -> cookie.contains("Secure") && cookie.contains("HttpOnly"));

		Api.User user = newUser();
		String[] https = { "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443", "X-Forwarded-For", "203.0.113.7" };
		Api.Response login = this.api.send("GET", "/login", null, null, https);
		String csrfCookie = login.header("Set-Cookie").split(";")[0];
		String token = login.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		java.net.http.HttpRequest signIn = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(this.api.baseUrl() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", csrfCookie)
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Port", "443")
			.header("X-Forwarded-For", "203.0.113.7")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("username="
					+ java.net.URLEncoder.encode(user.email(), java.nio.charset.StandardCharsets.UTF_8) + "&password="
					+ java.net.URLEncoder.encode(user.password(), java.nio.charset.StandardCharsets.UTF_8) + "&_csrf="
					+ java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)))
			.build();
		Api.Response signedIn = this.api.send(signIn);
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(followedFrom("https://localhost/login", signedIn.header("Location")))
			.isEqualTo("https://localhost/tasks");
		assertThat(signedIn.raw().headers().allValues("Set-Cookie")).anyMatch(
				(cookie) -> cookie.startsWith("SESSION") && cookie.contains("Secure") && cookie.contains("HttpOnly"));
	}

	@Test
	void plainHttpStaysPlain() {
		Api.Response response = this.api.send("GET", "/tasks", null, null);
		assertThat(response.status()).isEqualTo(302);
		assertThat(followedFrom("http://localhost:" + this.port + "/tasks", response.header("Location")))
			.startsWith("http://localhost:" + this.port + "/login");
		assertThat(response.header("Set-Cookie")).doesNotContain("Secure");
	}

	/**
	 * Where a browser on {@code page} goes when told {@code location}: redirects are
	 * relative (a forged Host header must not reach them), and a relative Location is
	 * resolved against the page's own address (RFC 9110, 10.2.2), so it keeps the
	 * router's https; an absolute http:// one would not.
	 */
	private static String followedFrom(String page, String location) {
		return java.net.URI.create(page).resolve(location).toString();
	}

}
