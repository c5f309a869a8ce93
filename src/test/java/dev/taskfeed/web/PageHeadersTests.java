package dev.taskfeed.web;

import java.net.http.HttpResponse;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.PageSession;
import dev.taskfeed.support.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every page sends besides itself: strict security headers, and no session until
 * sign-in.
 */
class PageHeadersTests extends IntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void pagesSendAStrictContentSecurityPolicyAndFriends() {
		Api.User user = newUser();
		PageSession browser = new PageSession(this.port, "en");
		for (String path : new String[] { "/login", "/register" }) {
			assertSecurityHeaders(browser.get(path));
		}
		browser.signIn(user.email(), user.password());
		for (String path : new String[] { "/tasks", "/categories", "/trash", "/calendar" }) {
			HttpResponse<String> page = browser.get(path);
			assertThat(page.statusCode()).isEqualTo(200);
			assertSecurityHeaders(page);
			// nothing inline that the policy would block
			assertThat(page.body()).doesNotContain(" style=\"").doesNotContain("<style").doesNotContain("onclick=");
			assertThat(page.body().replaceAll("<script[^>]*src=\"[^\"]+\"[^>]*></script>", ""))
				.doesNotContain("<script");
		}
	}

	@Test
	void theReadmesCsrfSnippetFindsTheToken() {
		Api.User user = newUser();
		PageSession browser = new PageSession(this.port, "en").signIn(user.email(), user.password());
		String page = browser.get("/tasks").body();
		// the README reads document.querySelector('meta[name=_csrf]').content
		assertThat(page).containsPattern("<meta name=\"_csrf\" content=\"[^\"]+\">");
		assertThat(page).contains("<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\">");
	}

	@Test
	void onlySignedInBrowsersGetASession() {
		long since = System.currentTimeMillis() - 1;
		for (int i = 0; i < 5; i++) {
			PageSession anonymous = new PageSession(this.port, "en");
			assertThat(anonymous.get("/login").statusCode()).isEqualTo(200);
			assertThat(anonymous.get("/register").statusCode()).isEqualTo(200);
			assertThat(anonymous.get("/tasks").statusCode()).isEqualTo(302);
			anonymous.get("/login");
			anonymous.post("/login", "username", "nobody@example.com", "password", "wrong-password");
			anonymous.post("/register", "displayName", "", "email", "not-an-email", "password", "short");
		}
		assertThat(sessionsCreatedSince(since)).isZero();

		Api.User user = newUser();
		PageSession browser = new PageSession(this.port, "en");
		// the page asked for before signing in is where
		// the sign-in leads (a cookie remembers it)
		assertThat(browser.get("/categories").statusCode()).isEqualTo(302);
		browser.get("/login");
		HttpResponse<String> signedIn = browser.post("/login", "username", user.email(), "password", user.password());
		assertThat(PageSession.location(signedIn)).isEqualTo("/categories");
		assertThat(sessionsCreatedSince(since)).isEqualTo(1);
	}

	@Test
	void signingInNeverLeadsToAnotherSite() {
		Api.User user = newUser();
		PageSession browser = new PageSession(this.port, "en");
		browser.get("/login");
		// a forged "page to return to" cookie naming another host
		java.net.http.HttpResponse<String> signedIn = browser.postWithCookie("/login",
				"REDIRECT_URI=" + java.util.Base64.getEncoder()
					.encodeToString("http://evil.example/steal".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				"username", user.email(), "password", user.password());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(java.net.URI.create(signedIn.headers().firstValue("Location").orElseThrow()).getHost())
			.isIn("localhost", null);
	}

	@Test
	void aForgedReturnCookieLeadsToTheTaskListAndNeverFails() throws Exception {
		Api.User user = newUser();
		String junk = "A".repeat(3000);
		String[] forged = { "", base64("/tasks/1"), base64("//evil.com/x"), base64("/\\evil.com"),
				base64("javascript:alert(1)"), base64("http://127.0.0.1:" + this.port + ".evil.com/"),
				base64("http://localhost/tasks\r\nSet-Cookie: x=y"), base64("http://localhost//evil.com/x"),
				base64("http://localhost/api/tasks"), base64("http://localhost/%2e%2e/tasks"), base64(junk), junk,
				"not base64 at all!" };
		for (String cookie : forged) {
			long since = System.currentTimeMillis() - 1;
			PageSession browser = new PageSession(this.port, "en");
			browser.get("/login");
			HttpResponse<String> signedIn = browser.postWithCookie("/login", "REDIRECT_URI=" + cookie, "username",
					user.email(), "password", user.password());
			assertThat(signedIn.statusCode()).as("sign-in with REDIRECT_URI=%s", cookie).isEqualTo(302);
			assertThat(signedIn.headers().firstValue("Location")).as("REDIRECT_URI=%s", cookie).hasValue("/tasks");
			assertThat(sessionsCreatedSince(since)).isEqualTo(1);
			// nor does any page fail with it, signed in or not
			assertThat(RawHttp
				.send(this.port, "GET", "/tasks",
						new String[] { "Accept: text/html",
								"Cookie: " + browser.cookies() + "; REDIRECT_URI=" + cookie },
						null)
				.status()).isEqualTo(200);
			assertThat(RawHttp
				.send(this.port, "GET", "/register",
						new String[] { "Accept: text/html", "Cookie: REDIRECT_URI=" + cookie }, null)
				.status()).isEqualTo(200);

			PageSession newcomer = new PageSession(this.port, "en");
			newcomer.get("/register");
			HttpResponse<String> registered = newcomer.postWithCookie("/register", "REDIRECT_URI=" + cookie,
					"displayName", "Newcomer", "email", "forged-" + java.util.UUID.randomUUID() + "@example.com",
					"password", "long enough password");
			assertThat(registered.statusCode()).as("registration with REDIRECT_URI=%s", cookie).isEqualTo(302);
			assertThat(registered.headers().firstValue("Location")).hasValue("/tasks");
		}
		// what TaskFeed saves itself: an address on this site, path and query kept
		PageSession browser = new PageSession(this.port, "en");
		browser.get("/login");
		HttpResponse<String> signedIn = browser.postWithCookie("/login",
				"REDIRECT_URI=" + base64("http://localhost:" + this.port + "/tasks?q=pan&status=TODO"), "username",
				user.email(), "password", user.password());
		assertThat(signedIn.headers().firstValue("Location")).hasValue("/tasks?q=pan&status=TODO");
	}

	private static String base64(String text) {
		return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	@Test
	void noRedirectFollowsAForgedHostHeader() throws Exception {
		Api.User user = newUser();
		String[] html = { "Accept: text/html" };
		// to the sign-in page
		RawHttp.Answer anonymous = RawHttp.send(this.port, "evil.example", "GET", "/tasks", html, null);
		assertThat(anonymous.status()).isEqualTo(302);
		assertThat(anonymous.header("Location")).isEqualTo("/login");

		// after signing in, with a saved page built from the forged host
		PageSession browser = new PageSession(this.port, "en");
		browser.get("/login");
		byte[] form = ("username=" + encode(user.email()) + "&password=" + encode(user.password()) + "&_csrf="
				+ encode(browser.csrfToken()))
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		RawHttp.Answer signedIn = RawHttp.send(this.port, "evil.example", "POST", "/login",
				new String[] { "Content-Type: application/x-www-form-urlencoded",
						"Cookie: " + browser.cookies() + "; REDIRECT_URI=" + base64("http://evil.example/tasks") },
				form);
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.header("Location")).isEqualTo("/tasks");

		// a page's own redirect (/ leads to the task list)
		browser.signIn(user.email(), user.password());
		RawHttp.Answer home = RawHttp.send(this.port, "evil.example", "GET", "/",
				new String[] { "Accept: text/html", "Cookie: " + browser.cookies() }, null);
		assertThat(home.status()).isEqualTo(302);
		assertThat(home.header("Location")).isEqualTo("/tasks");
	}

	private static String encode(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void onlyTheLanguagesThePagesSpeakAreEverChosen() throws Exception {
		for (String other : new String[] { "de", "xx", "zz-ZZ-x-private", "" }) {
			// an English reader asking for another language gets English, marked as such
			PageSession english = new PageSession(this.port, "en");
			assertLanguage(english.get("/login?lang=" + other), "en", "Sign in to TaskFeed");
			assertLanguage(english.get("/login"), "en", "Sign in to TaskFeed");
			// a Spanish reader gets Spanish
			PageSession spanish = new PageSession(this.port, "es-ES,es;q=0.9");
			assertLanguage(spanish.get("/login?lang=" + other), "es", "Inicia sesión en TaskFeed");
			// a choice made before gives way to the default
			PageSession switched = new PageSession(this.port, "en");
			assertLanguage(switched.get("/login?lang=es"), "es", "Inicia sesión en TaskFeed");
			assertLanguage(switched.get("/login?lang=" + other), "en", "Sign in to TaskFeed");
			assertLanguage(switched.get("/register"), "en", "Create your account");
		}
		assertLanguage(new PageSession(this.port, "en").get("/login?lang=es-MX"), "es", "Inicia sesión en TaskFeed");
		// a forged language cookie is no choice either
		RawHttp.Answer forged = RawHttp.send(this.port, "GET", "/login",
				new String[] { "Accept: text/html", "Accept-Language: es", "Cookie: taskfeed-lang=de" }, null);
		assertThat(forged.header("Content-Language")).isEqualTo("es");
		assertThat(new String(forged.body().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
				java.nio.charset.StandardCharsets.UTF_8))
			.contains("<html lang=\"es\"")
			.contains("Inicia sesión en TaskFeed");
	}

	private static void assertLanguage(HttpResponse<String> page, String language, String text) {
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<html lang=\"" + language + "\"").contains(text);
		assertThat(page.headers().firstValue("Content-Language")).hasValue(language);
		// the language cookie, if any, holds the language shown or nothing (no choice)
		assertThat(page.headers().allValues("Set-Cookie")).filteredOn((cookie) -> cookie.startsWith("taskfeed-lang="))
			.extracting((cookie) -> cookie.substring("taskfeed-lang=".length(), cookie.indexOf(';')))
			.allMatch((value) -> value.isEmpty() || value.equals(language));
	}

	private long sessionsCreatedSince(long millis) {
		return this.jdbc.queryForObject("select count(*) from http_session where creation_time >= ?", Long.class,
				millis);
	}

	private static void assertSecurityHeaders(HttpResponse<String> page) {
		String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("default-src 'self'")
			.contains("script-src 'self'")
			.contains("style-src 'self'")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline")
			.doesNotContain("unsafe-eval");
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		assertThat(page.headers().firstValue("Permissions-Policy").orElseThrow()).contains("camera=()");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

}
