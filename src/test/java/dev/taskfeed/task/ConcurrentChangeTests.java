package dev.taskfeed.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races on one resource keep the contract: one winner and 412s, idempotent links, never a
 * 5xx.
 */
class ConcurrentChangeTests extends IntegrationTest {

	private static final int RACERS = 50;

	@Test
	void ofFiftyPatchesWithTheSameIfMatchExactlyOneWinsAndTheRestGet412() throws Exception {
		Api.User user = newUser();
		String bearer = "Bearer " + user.createToken("race");
		long task = user.createTask("Contested").get("id").asLong();
		List<Integer> statuses = race((i) -> () -> this.api
			.send("PATCH", "/api/tasks/" + task, bearer, "{\"title\":\"Writer " + i + "\"}", "If-Match", "\"0\"",
					"Content-Type", "application/merge-patch+json")
			.status());
		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
		assertThat(statuses).filteredOn((status) -> status == 412).hasSize(RACERS - 1);
		JsonNode after = this.api.send("GET", "/api/tasks/" + task, bearer, null).json();
		assertThat(after.get("version").asLong()).isEqualTo(1);
	}

	@Test
	void patchesWithoutIfMatchAllApply() throws Exception {
		Api.User user = newUser();
		String bearer = "Bearer " + user.createToken("race");
		long task = user.createTask("Contested").get("id").asLong();
		List<Integer> statuses = race((i) -> () -> this.api
			.send("PATCH", "/api/tasks/" + task, bearer, "{\"description\":\"Writer " + i + "\"}", "Content-Type",
					"application/merge-patch+json")
			.status());
		assertThat(statuses).containsOnly(200);
	}

	@Test
	void fiftyIdenticalLinksAreAll204AndLinkOnce() throws Exception {
		Api.User user = newUser();
		String bearer = "Bearer " + user.createToken("race");
		long category = user.createCategory("Home");
		long task = user.createTask("Contested").get("id").asLong();
		List<Integer> statuses = race(
				(i) -> () -> this.api.send("PUT", "/api/tasks/" + task + "/categories/" + category, bearer, null)
					.status());
		assertThat(statuses).containsOnly(204);
		JsonNode after = this.api.send("GET", "/api/tasks/" + task, bearer, null).json();
		assertThat(after.get("categories").size()).isEqualTo(1);
		assertThat(after.get("version").asLong()).isEqualTo(1);
	}

	@Test
	void deletingACategoryWhileItIsBeingLinkedNeverFails() throws Exception {
		Api.User user = newUser();
		String bearer = "Bearer " + user.createToken("race");
		List<Long> tasks = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			tasks.add(user.createTask("Task " + i).get("id").asLong());
		}
		List<Integer> statuses = new ArrayList<>();
		for (int round = 0; round < 8; round++) {
			long category = user.createCategory("Round " + round);
			for (long task : tasks.subList(0, 3)) {
				user.put("/api/tasks/" + task + "/categories/" + category).expect(204);
			}
			statuses.addAll(race((i) -> () -> {
				if (i == RACERS / 2) {
					return this.api.send("DELETE", "/api/categories/" + category, bearer, null).status();
				}
				long task = tasks.get(i % tasks.size());
				String method = (i % 3 == 0) ? "DELETE" : "PUT";
				return this.api.send(method, "/api/tasks/" + task + "/categories/" + category, bearer, null).status();
			}));
		}
		assertThat(statuses).allMatch((status) -> status == 204 || status == 404 || status == 409,
				"only 204, 404 (the category is gone) or 409");
		// the links went with the categories, and the tasks are all there
		JsonNode page = this.api.send("GET", "/api/tasks?size=100", bearer, null).json();
		assertThat(page.get("content").size()).isEqualTo(tasks.size());
		page.get("content").forEach((task) -> assertThat(task.get("categories").size()).isZero());
	}

	private static List<Integer> race(IntFunction<Callable<Integer>> request) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(RACERS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> futures = new ArrayList<>();
			for (int i = 0; i < RACERS; i++) {
				Callable<Integer> call = request.apply(i);
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> future : futures) {
				statuses.add(future.get());
			}
			return statuses;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
