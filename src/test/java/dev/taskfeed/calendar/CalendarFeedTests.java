package dev.taskfeed.calendar;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.taskfeed.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

class CalendarFeedTests extends IntegrationTest {

	@Test
	void feedShowsLiveTasksWithADueDateAsAllDayEvents() throws Exception {
		Api.User ana = newUser();
		long casa = ana.createCategory("Casa");
		long work = ana.createCategory("Work");
		long bread = ana
			.post("/api/tasks",
					body("title", "Comprar pan", "dueDate", "2026-12-01", "status", "IN_PROGRESS", "categoryIds",
							List.of(casa, work)))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		ana.post("/api/tasks", body("title", "No due date")).expect(201);
		long trashed = ana.post("/api/tasks", body("title", "Trashed", "dueDate", "2026-12-02"))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		ana.delete("/api/tasks/" + trashed).expect(204);
		newUser().post("/api/tasks", body("title", "Someone else's", "dueDate", "2026-12-01")).expect(201);

		JsonNode feed = ana.post("/api/calendar-feeds", null).expect(201).json();
		String url = feed.get("url").asString();
		assertThat(url).startsWith(this.api.baseUrl() + "/calendar/tfc_").endsWith(".ics");

		Api.Response ics = this.api.send("GET", path(url), null, null).expect(200);
		assertThat(ics.header("Content-Type")).isEqualTo("text/calendar;charset=UTF-8");
		assertThat(ics.header("ETag")).isNotBlank();
		assertThat(ics.header("Last-Modified")).isNotBlank();
		// a calendar client's poll never starts a browser session
		assertThat(ics.raw().headers().allValues("Set-Cookie")).isEmpty();

		List<VEvent> events = parse(ics.body()).getComponents(Component.VEVENT);
		assertThat(events).hasSize(1);
		VEvent event = events.get(0);
		assertThat(event.getUid().orElseThrow().getValue()).isEqualTo("task-" + bread + "@taskfeed");
		assertThat(value(event, Property.SUMMARY)).isEqualTo("Comprar pan");
		assertThat(event.getStartDate().orElseThrow().getDate()).isEqualTo(LocalDate.of(2026, 12, 1));
		assertThat(event.getEndDate().orElseThrow().getDate()).isEqualTo(LocalDate.of(2026, 12, 2));
		assertThat(ics.body()).contains("DTSTART;VALUE=DATE:20261201").contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
		assertThat(value(event, Property.URL)).isEqualTo(this.api.baseUrl() + "/tasks/" + bread);
		assertThat(value(event, "X-TASKFEED-STATUS")).isEqualTo("IN_PROGRESS");
		assertThat(value(event, Property.DESCRIPTION)).startsWith("Status: In progress");
		Categories categories = event.<Categories>getProperty(Property.CATEGORIES).orElseThrow();
		assertThat(categories.getCategories().getTexts()).isEqualTo(Set.of("Casa", "Work"));
	}

	@Test
	void uidsStayWhenTasksChangeAndAMatchingETagGets304() throws Exception {
		Api.User ana = newUser();
		long first = ana.post("/api/tasks", body("title", "First", "dueDate", "2026-12-01"))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		String path = path(ana.post("/api/calendar-feeds", null).expect(201).json().get("url").asString());

		Api.Response before = this.api.send("GET", path, null, null).expect(200);
		String etag = before.header("ETag");
		Api.Response unchanged = this.api.send("GET", path, null, null, "If-None-Match", etag).expect(304);
		assertThat(unchanged.body()).isEmpty();
		assertThat(unchanged.header("ETag")).isEqualTo(etag);

		ana.patch("/api/tasks/" + first, Map.of("title", "First, renamed", "dueDate", "2026-12-05")).expect(200);
		long second = ana.post("/api/tasks", body("title", "Second", "dueDate", "2026-11-30"))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		Api.Response after = this.api.send("GET", path, null, null, "If-None-Match", etag).expect(200);
		assertThat(after.header("ETag")).isNotEqualTo(etag);

		Map<String, String> before1 = summariesByUid(before.body());
		Map<String, String> after1 = summariesByUid(after.body());
		assertThat(before1).containsExactly(Map.entry("task-" + first + "@taskfeed", "First"));
		assertThat(after1).containsOnly(Map.entry("task-" + first + "@taskfeed", "First, renamed"),
				Map.entry("task-" + second + "@taskfeed", "Second"));
		this.api.send("GET", path, null, null, "If-None-Match", after.header("ETag")).expect(304);
	}

	@Test
	void revokedOrUnknownUrlIs404AndOnlyTheOwnerCanRevoke() {
		Api.User ana = newUser();
		Api.User other = newUser();
		JsonNode feed = ana.post("/api/calendar-feeds", null).expect(201).json();
		String path = path(feed.get("url").asString());
		long id = feed.get("id").asLong();
		this.api.send("GET", path, null, null).expect(200);

		JsonNode listed = ana.get("/api/calendar-feeds").expect(200).json();
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("id").asLong()).isEqualTo(id);
		assertThat(listed.get(0).get("scope").asString()).isEqualTo("all");
		assertThat(listed.get(0).has("url")).isFalse();
		assertThat(listed.get(0).get("lastUsedAt").asString()).isNotBlank();
		assertThat(listed.toString()).doesNotContain("tfc_");

		other.delete("/api/calendar-feeds/" + id).problem(404);
		this.api.send("GET", path, null, null).expect(200);

		ana.delete("/api/calendar-feeds/" + id).expect(204);
		this.api.send("GET", path, null, null).expect(404);
		this.api.send("GET", "/calendar/tfc_unknown.ics", null, null).expect(404);
		this.api.send("GET", "/calendar/nothing.ics", null, null).expect(404);
		assertThat(ana.get("/api/calendar-feeds").expect(200).json()).isEmpty();
		this.api.send("POST", "/api/calendar-feeds", null, null).problem(401);
	}

	@Test
	void aUrlShowsEveryProjectOfItsOwnerOrOnlyTheirAssignmentsOrOneProject() throws Exception {
		Api.User ana = newUser();
		Api.User bob = newUser();
		long shared = dev.taskfeed.support.Projects.share(ana, "Familia", bob, "EDITOR");
		ana.post("/api/tasks", body("title", "Mine", "dueDate", "2026-12-01")).expect(201);
		ana.post("/api/tasks",
				body("title", "Shared, for Bob", "dueDate", "2026-12-02", "projectId", shared, "assigneeId", bob.id()))
			.expect(201);
		ana.post("/api/tasks",
				body("title", "Shared, for Ana", "dueDate", "2026-12-03", "projectId", shared, "assigneeId", ana.id()))
			.expect(201);

		assertThat(summaries(ana, null)).containsExactlyInAnyOrder("Mine", "Shared, for Bob", "Shared, for Ana");
		assertThat(summaries(bob, null)).containsExactlyInAnyOrder("Shared, for Bob", "Shared, for Ana");
		assertThat(summaries(bob, body("scope", "assigned"))).containsExactly("Shared, for Bob");
		assertThat(summaries(ana, body("scope", "project", "projectId", shared)))
			.containsExactlyInAnyOrder("Shared, for Bob", "Shared, for Ana");
		JsonNode listed = ana.get("/api/calendar-feeds").expect(200).json();
		assertThat(listed.findValuesAsString("scope")).contains("all", "project");

		// a project URL of someone who leaves shows nothing more
		JsonNode bobs = bob.post("/api/calendar-feeds", body("scope", "project", "projectId", shared))
			.expect(201)
			.json();
		bob.delete("/api/projects/" + shared + "/members/" + bob.id()).expect(204);
		assertThat(parse(this.api.send("GET", path(bobs.get("url").asString()), null, null).expect(200).body())
			.getComponents(Component.VEVENT)).isEmpty();

		// refusals: an unknown scope, a project missing or not the caller's
		ana.post("/api/calendar-feeds", body("scope", "everything")).problem(400);
		ana.post("/api/calendar-feeds", body("scope", "project")).problem(400);
		ana.post("/api/calendar-feeds", body("scope", "all", "projectId", shared)).problem(400);
		newUser().post("/api/calendar-feeds", body("scope", "project", "projectId", shared)).problem(404);
	}

	private List<String> summaries(Api.User user, Object scope) throws Exception {
		String url = user.post("/api/calendar-feeds", scope).expect(201).json().get("url").asString();
		List<VEvent> events = parse(this.api.send("GET", path(url), null, null).expect(200).body())
			.getComponents(Component.VEVENT);
		return events.stream().map((event) -> value(event, Property.SUMMARY)).toList();
	}

	private static Map<String, String> summariesByUid(String ics) throws Exception {
		List<VEvent> events = parse(ics).getComponents(Component.VEVENT);
		Map<String, String> summaries = new java.util.LinkedHashMap<>();
		for (VEvent event : events) {
			summaries.put(event.getUid().orElseThrow().getValue(), value(event, Property.SUMMARY));
		}
		return summaries;
	}

	private static String value(VEvent event, String property) {
		return event.getProperty(property).map(Property::getValue).orElse(null);
	}

	private static Calendar parse(String ics) throws Exception {
		return new CalendarBuilder().build(new StringReader(ics));
	}

	private String path(String url) {
		return url.substring(this.api.baseUrl().length());
	}

}
