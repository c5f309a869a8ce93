package dev.taskfeed.feed;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.PageSession;
import dev.taskfeed.support.StompTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.web.socket.WebSocketHttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's feed: the WebSocket rides the session cookie, so CONNECT must prove it came
 * from our page.
 */
class BrowserFeedCsrfTests extends IntegrationTest {

	@Test
	void aCookieSessionConnectsOnlyWithTheCsrfToken() throws Exception {
		Api.User user = newUser();
		// signs in through the login form;
		// a page of the signed-in session carries its token
		PageSession browser = new PageSession(this.port, "en").signIn(user.email(), user.password());
		browser.get("/tasks");

		WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
		handshake.add("Cookie", browser.cookies());
		try (StompTestClient withoutToken = StompTestClient.connectExpectingRefusal(this.port, handshake)) {
			assertThat(withoutToken.nextErrorFrame(2000)).isEqualTo(
					"CONNECT refused: a browser connection must send the page's CSRF token in the X-CSRF-TOKEN header");
		}

		try (StompTestClient page = StompTestClient.connectAsPage(this.port, browser)) {
			BlockingQueue<JsonNode> events = page.subscribe("/user/queue/tasks");
			user.createTask("From another tab");
			JsonNode event = events.poll(2, TimeUnit.SECONDS);
			assertThat(event.get("task").get("title").asString()).isEqualTo("From another tab");
		}
	}

}
