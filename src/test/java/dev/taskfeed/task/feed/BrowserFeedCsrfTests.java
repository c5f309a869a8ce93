package dev.taskfeed.task.feed;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.StompTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.web.socket.WebSocketHttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser's feed: the WebSocket rides the session cookie, so CONNECT must prove it came from our page. */
class BrowserFeedCsrfTests extends IntegrationTest {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@Test
	void aCookieSessionConnectsOnlyWithTheCsrfToken() throws Exception {
		Api.User user = newUser();
		CookieManager cookies = new CookieManager();
		HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
		String loginToken = csrfOf(get(browser, "/login"));
		String form = "username=" + URLEncoder.encode(user.email(), StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(user.password(), StandardCharsets.UTF_8) + "&_csrf=" + loginToken;
		HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		// a page of the signed-in session carries that session's token
		String token = csrfOf(get(browser, "/tasks"));
		String cookie = cookies.getCookieStore()
			.get(uri("/"))
			.stream()
			.filter((c) -> c.getName().equals("SESSION"))
			.findFirst()
			.orElseThrow()
			.toString();

		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		handshake.add("Cookie", cookie);
		try (StompTestClient withoutToken = StompTestClient.connectExpectingRefusal(this.port, handshake)) {
			assertThat(withoutToken.nextError(2000)).isNotNull();
		}

		StompHeaders connect = new StompHeaders();
		connect.add("X-CSRF-TOKEN", token);
		try (StompTestClient page = StompTestClient.connect(this.port, handshake, connect)) {
			BlockingQueue<JsonNode> events = page.subscribe("/user/queue/tasks");
			user.createTask("From another tab");
			JsonNode event = events.poll(2, TimeUnit.SECONDS);
			assertThat(event.get("task").get("title").asString()).isEqualTo("From another tab");
		}
	}

	private String get(HttpClient browser, String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private URI uri(String path) {
		return URI.create(this.api.baseUrl() + path);
	}

	private static String csrfOf(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as(html).isTrue();
		return matcher.group(1);
	}

}
