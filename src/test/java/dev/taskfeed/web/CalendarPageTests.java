package dev.taskfeed.web;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.PageSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.taskfeed.support.PageSession.location;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar page without JavaScript: create an address (shown once), revoke it; export
 * links; Spanish.
 */
class CalendarPageTests extends IntegrationTest {

	private static final Pattern URL = Pattern.compile("value=\"(http://[^\"]+/calendar/tfc_[^\"]+\\.ics)\"");

	@Test
	void calendarAddressIsCreatedShownOnceAndRevokedThroughForms() {
		Api.User user = newUser();
		user.post("/api/tasks", Api.body("title", "Pagar la luz", "dueDate", "2026-12-03")).expect(201);
		PageSession page = new PageSession(this.port, "en").signIn(user.email(), user.password());

		HttpResponse<String> empty = page.get("/calendar");
		assertThat(empty.statusCode()).isEqualTo(200);
		assertThat(empty.body()).contains("You have no calendar address yet.")
			.contains("href=\"/api/export\"")
			.contains("href=\"/api/export?format=csv\"")
			.contains("href=\"/calendar\"");

		HttpResponse<String> created = page.post("/calendar/feeds");
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(location(created)).isEqualTo("/calendar");
		HttpResponse<String> shown = page.get("/calendar");
		assertThat(shown.body()).contains("Calendar address created.").contains("shown only once");
		Matcher url = URL.matcher(shown.body());
		assertThat(url.find()).as("the new address on the page").isTrue();
		String path = url.group(1).substring(this.api.baseUrl().length());
		assertThat(this.api.send("GET", path, null, null).expect(200).body()).contains("SUMMARY:Pagar la luz");
		// shown once: the next visit lists the address without its secret
		HttpResponse<String> again = page.get("/calendar");
		assertThat(again.body()).doesNotContain("tfc_").contains("Revoke");

		JsonNode feed = user.get("/api/calendar-feeds").expect(200).json().get(0);
		HttpResponse<String> revoked = page.post("/calendar/feeds/" + feed.get("id").asLong() + "/revoke");
		assertThat(revoked.statusCode()).isEqualTo(302);
		assertThat(page.get("/calendar").body()).contains("Calendar address revoked.")
			.contains("You have no calendar address yet.");
		this.api.send("GET", path, null, null).expect(404);
	}

	@Test
	void calendarPageSpeaksSpanishAndNeedsItsCsrfToken() {
		Api.User user = newUser();
		Api.User other = newUser();
		long othersFeed = other.post("/api/calendar-feeds", null).expect(201).json().get("id").asLong();
		PageSession page = new PageSession(this.port, "es").signIn(user.email(), user.password());
		assertThat(page.get("/calendar").body()).contains("Calendario y exportación")
			.contains("Crear una dirección de calendario")
			.contains("Tareas para una hoja de cálculo (CSV)");
		assertThat(page.postWithout("/calendar/feeds").statusCode()).isEqualTo(403);
		assertThat(user.get("/api/calendar-feeds").json()).isEmpty();
		// another user's address is not found, and stays
		assertThat(page.post("/calendar/feeds/" + othersFeed + "/revoke").statusCode()).isEqualTo(404);
		assertThat(other.get("/api/calendar-feeds").json()).hasSize(1);
		// signed out, the page asks for a sign-in
		HttpResponse<String> anonymous = new PageSession(this.port, "en").get("/calendar");
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(location(anonymous)).endsWith("/login");
	}

}
