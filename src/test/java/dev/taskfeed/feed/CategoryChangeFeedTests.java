package dev.taskfeed.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.StompTestClient;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renaming, recolouring or deleting a category changes the JSON of every task linked to
 * it: each such task gets a new version and ETag, and one {@code updated} event after the
 * commit.
 */
class CategoryChangeFeedTests extends IntegrationTest {

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@Test
	void renamingACategoryMovesTheVersionOfItsTasksAndAnnouncesEachOnce() throws Exception {
		Api.User user = newUser();
		String bearer = "Bearer " + user.createToken("feed");
		long category = user.createCategory("Casa");
		List<JsonNode> linked = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			linked.add(user.createTask("Linked " + i, category));
		}
		JsonNode unlinked = user.createTask("Unlinked");
		try (StompTestClient client = StompTestClient.connect(this.port, bearer)) {
			BlockingQueue<JsonNode> events = client.subscribe("/user/queue/tasks");
			this.api
				.send("PATCH", "/api/categories/" + category, bearer,
						Api.json(Map.of("name", "Hogar", "color", "#FF0000")), "Content-Type",
						"application/merge-patch+json")
				.expect(200);

			Set<Long> announced = new HashSet<>();
			for (int i = 0; i < linked.size(); i++) {
				JsonNode event = events.poll(2, TimeUnit.SECONDS);
				assertThat(event).as("an updated event per linked task").isNotNull();
				assertThat(event.get("type").asString()).isEqualTo("updated");
				assertThat(event.get("task").get("categories").get(0).get("name").asString()).isEqualTo("Hogar");
				assertThat(event.get("task").get("categories").get(0).get("color").asString()).isEqualTo("#ff0000");
				announced.add(event.get("task").get("id").asLong());
			}
			assertThat(announced)
				.containsExactlyInAnyOrderElementsOf(linked.stream().map((task) -> task.get("id").asLong()).toList());
			// nothing more for this change: the next event is a marker created afterwards
			user.createTask("Marker");
			assertThat(events.poll(2, TimeUnit.SECONDS).get("task").get("title").asString()).isEqualTo("Marker");
		}
		for (JsonNode task : linked) {
			Api.Response now = this.api.send("GET", "/api/tasks/" + task.get("id").asLong(), bearer, null);
			assertThat(now.json().get("version").asLong()).isEqualTo(task.get("version").asLong() + 1);
			assertThat(now.header("ETag")).isNotEqualTo("\"" + task.get("version").asLong() + "\"");
			// a stale If-Match is now refused
			this.api
				.send("PATCH", "/api/tasks/" + task.get("id").asLong(), bearer, "{\"title\":\"x\"}", "If-Match",
						"\"" + task.get("version").asLong() + "\"", "Content-Type", "application/merge-patch+json")
				.problem(412);
		}
		JsonNode stillUnlinked = this.api.send("GET", "/api/tasks/" + unlinked.get("id").asLong(), bearer, null).json();
		assertThat(stillUnlinked.get("version").asLong()).isEqualTo(unlinked.get("version").asLong());
	}

	@Test
	void deletingACategoryUpdatesEachOfItsTasks() throws Exception {
		Api.User user = newUser();
		String bearer = "Bearer " + user.createToken("feed");
		long doomed = user.createCategory("Doomed");
		long kept = user.createCategory("Kept");
		JsonNode task = user.createTask("Linked", doomed, kept);
		try (StompTestClient client = StompTestClient.connect(this.port, bearer)) {
			BlockingQueue<JsonNode> events = client.subscribe("/user/queue/tasks");
			this.api.send("DELETE", "/api/categories/" + doomed, bearer, null).expect(204);
			JsonNode event = StompTestClient.awaitFrame(events, (frame) -> true, Duration.ofSeconds(2));
			assertThat(event.get("type").asString()).isEqualTo("updated");
			assertThat(event.get("task").get("categories").findValuesAsString("name")).containsExactly("Kept");
			assertThat(event.get("task").get("version").asLong()).isEqualTo(task.get("version").asLong() + 1);
		}
	}

	@Test
	void aCategoryChangeCostsTheSameStatementsForThreeTasksAsForThirty() {
		Api.User user = newUser();
		String bearer = "Bearer " + user.createToken("count");
		long few = user.createCategory("Few");
		long many = user.createCategory("Many");
		for (int i = 0; i < 3; i++) {
			user.createTask("Few " + i, few);
		}
		for (int i = 0; i < 30; i++) {
			user.createTask("Many " + i, many);
		}
		rename(bearer, few, "Warm-up");
		long forThree = statementsFor(() -> rename(bearer, few, "Few again"));
		long forThirty = statementsFor(() -> rename(bearer, many, "Many again"));
		assertThat(forThirty).isEqualTo(forThree);
		long deleteThree = statementsFor(
				() -> this.api.send("DELETE", "/api/categories/" + few, bearer, null).expect(204));
		long deleteThirty = statementsFor(
				() -> this.api.send("DELETE", "/api/categories/" + many, bearer, null).expect(204));
		assertThat(deleteThirty).isEqualTo(deleteThree);
	}

	private void rename(String bearer, long category, String name) {
		this.api
			.send("PATCH", "/api/categories/" + category, bearer, Api.json(Map.of("name", name)), "Content-Type",
					"application/merge-patch+json")
			.expect(200);
	}

	private long statementsFor(Runnable action) {
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		statistics.clear();
		action.run();
		return statistics.getPrepareStatementCount();
	}

}
