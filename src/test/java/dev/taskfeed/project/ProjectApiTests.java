package dev.taskfeed.project;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.taskfeed.support.Api.body;
import static dev.taskfeed.support.Projects.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shared projects over REST: members see everything of a project, roles decide who
 * writes, and anyone else is told it does not exist.
 */
class ProjectApiTests extends IntegrationTest {

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Autowired
	ProjectAudience audience;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcTemplate jdbc;

	/**
	 * What the live feed's presence relies on: while someone holds a project's
	 * memberships (reads the members and sends what they list), removing a member waits
	 * for them, and goes through once they are done.
	 */
	@Test
	void aRemovalWaitsWhileTheMembershipsAreHeld() throws Exception {
		Api.User ana = newUser();
		Api.User bob = newUser();
		long project = share(ana, "Held", bob, "EDITOR");
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> holder = threads
				.submit(() -> new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
					this.audience.holdMemberships(List.of(project));
					held.countDown();
					awaitQuietly(release);
				}));
			assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
			Future<Api.Response> removal = threads
				.submit(() -> ana.delete("/api/projects/" + project + "/members/" + bob.id()));
			// the removal's transaction is seen waiting on the advisory lock, and has not
			// answered
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.jdbc.queryForObject(
						"select count(*) from pg_locks where locktype = 'advisory' and not granted", Long.class) > 0);
			assertThat(removal.isDone()).isFalse();
			assertThat(ana.get("/api/projects/" + project + "/members").json()).hasSize(2);

			release.countDown();
			holder.get(10, TimeUnit.SECONDS);
			removal.get(10, TimeUnit.SECONDS).expect(204);
			assertThat(ana.get("/api/projects/" + project + "/members").json()).hasSize(1);
		}
		finally {
			release.countDown();
			threads.shutdownNow();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void everyUserHasOnePrivatePersonalProjectThatStays() {
		Api.User ana = newUser();
		JsonNode projects = ana.get("/api/projects").expect(200).json();
		assertThat(projects).hasSize(1);
		JsonNode personal = projects.get(0);
		assertThat(personal.get("personal").asBoolean()).isTrue();
		assertThat(personal.get("role").asString()).isEqualTo("OWNER");
		assertThat(personal.get("memberCount").asLong()).isEqualTo(1);
		long id = personal.get("id").asLong();
		// today's calls land there
		assertThat(ana.createTask("Mine").get("project").get("id").asLong()).isEqualTo(id);
		ana.delete("/api/projects/" + id).problem(409);
		ana.post("/api/projects/" + id + "/members", body("email", newUser().email(), "role", "EDITOR")).problem(409);
		ana.delete("/api/projects/" + id + "/members/" + ana.id()).problem(409);
		ana.patch("/api/projects/" + id, body("name", "Other")).problem(409);
	}

	@Test
	void membersSeeTheProjectAndRolesDecideWhoWrites() {
		Api.User ana = newUser();
		Api.User bob = newUser();
		Api.User carol = newUser();
		Api.User dave = newUser();
		long project = share(ana, "Familia", bob, "EDITOR", carol, "VIEWER");
		long category = ana.post("/api/categories", body("name", "Casa", "projectId", project))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		JsonNode task = ana
			.post("/api/tasks",
					body("title", "Comprar pan", "projectId", project, "categoryIds", List.of(category), "assigneeId",
							bob.id()))
			.expect(201)
			.json();
		long id = task.get("id").asLong();
		assertThat(task.get("project").get("id").asLong()).isEqualTo(project);
		assertThat(task.get("project").get("name").asString()).isEqualTo("Familia");
		assertThat(task.get("createdBy").get("id").asLong()).isEqualTo(ana.id());
		assertThat(task.get("owner").get("id").asLong()).isEqualTo(ana.id());
		assertThat(task.get("assignee").get("id").asLong()).isEqualTo(bob.id());

		// every member reads all of it
		for (Api.User member : List.of(ana, bob, carol)) {
			assertThat(member.get("/api/tasks/" + id).expect(200).json().get("title").asString())
				.isEqualTo("Comprar pan");
			assertThat(member.get("/api/tasks?projectId=" + project).expect(200).json().get("content")).hasSize(1);
			assertThat(member.get("/api/categories?projectId=" + project).expect(200).json()).hasSize(1);
			assertThat(member.get("/api/projects/" + project + "/members").expect(200).json()).hasSize(3);
			assertThat(member.get("/api/projects/" + project).expect(200).json().get("memberCount").asLong())
				.isEqualTo(3);
		}
		// without projectId, a list spans every project of the caller
		bob.createTask("Bob's own");
		assertThat(bob.get("/api/tasks").json().get("content").findValuesAsString("title"))
			.containsExactlyInAnyOrder("Comprar pan", "Bob's own");
		assertThat(bob.get("/api/tasks?assignee=me").json().get("content").findValuesAsString("title"))
			.containsExactly("Comprar pan");
		assertThat(carol.get("/api/tasks?assignee=me").json().get("content")).isEmpty();

		// an editor writes tasks and categories, but does not manage the project
		bob.patch("/api/tasks/" + id, body("status", "DONE")).expect(200);
		bob.put("/api/tasks/" + id + "/categories/" + category).expect(204);
		bob.patch("/api/categories/" + category, body("color", "#00ff00")).expect(200);
		bob.patch("/api/projects/" + project, body("name", "Mine")).problem(403);
		bob.post("/api/projects/" + project + "/members", body("email", dave.email(), "role", "VIEWER")).problem(403);
		bob.delete("/api/projects/" + project).problem(403);

		// a viewer reads only: 403 for every write, and nothing changes
		carol.patch("/api/tasks/" + id, body("title", "Carol's")).problem(403);
		carol.delete("/api/tasks/" + id).problem(403);
		carol.post("/api/tasks/" + id + "/restore", null).problem(403);
		carol.delete("/api/tasks/" + id + "/categories/" + category).problem(403);
		carol.post("/api/tasks", body("title", "x", "projectId", project)).problem(403);
		carol.post("/api/categories", body("name", "x", "projectId", project)).problem(403);
		carol.patch("/api/categories/" + category, body("name", "x")).problem(403);
		carol.delete("/api/categories/" + category).problem(403);
		assertThat(ana.get("/api/tasks/" + id).json().get("title").asString()).isEqualTo("Comprar pan");

		// anyone else: 404 for every resource of the project,
		// exactly as for one that does not exist
		String missing = ana.get("/api/tasks/999999999").problem(404).get("title").asString();
		for (String path : List.of("/api/projects/" + project, "/api/projects/" + project + "/members",
				"/api/tasks/" + id, "/api/categories/" + category, "/api/tasks?projectId=" + project,
				"/api/categories?projectId=" + project, "/api/tasks/trash?projectId=" + project)) {
			assertThat(dave.get(path).problem(404).get("title").asString()).as(path).isEqualTo(missing);
		}
		dave.patch("/api/tasks/" + id, body("title", "Dave's")).problem(404);
		dave.delete("/api/tasks/" + id).problem(404);
		dave.post("/api/tasks", body("title", "x", "projectId", project)).problem(404);
		dave.post("/api/projects/" + project + "/members", body("email", dave.email(), "role", "OWNER")).problem(404);
		dave.delete("/api/projects/" + project + "/members/" + bob.id()).problem(404);
		assertThat(dave.get("/api/tasks").json().get("content")).isEmpty();
		assertThat(dave.get("/api/projects").json()).hasSize(1);
	}

	@Test
	void theLastOwnerStaysAndMembersCanLeave() {
		Api.User ana = newUser();
		Api.User bob = newUser();
		long project = share(ana, "Club", bob, "EDITOR");
		ana.delete("/api/projects/" + project + "/members/" + ana.id()).problem(409);
		ana.patch("/api/projects/" + project + "/members/" + ana.id(), body("role", "EDITOR")).problem(409);
		ana.post("/api/projects/" + project + "/members", body("email", bob.email(), "role", "VIEWER")).problem(409);
		ana.post("/api/projects/" + project + "/members", body("email", "nobody-here@example.com", "role", "VIEWER"))
			.problem(400);
		ana.post("/api/projects/" + project + "/members", body("email", newUser().email(), "role", "KING"))
			.problem(400);

		// two owners: one may now step down
		ana.patch("/api/projects/" + project + "/members/" + bob.id(), body("role", "OWNER")).expect(200);
		ana.patch("/api/projects/" + project + "/members/" + ana.id(), body("role", "VIEWER")).expect(200);
		assertThat(ana.get("/api/projects/" + project).json().get("role").asString()).isEqualTo("VIEWER");
		// anyone may leave
		ana.delete("/api/projects/" + project + "/members/" + ana.id()).expect(204);
		ana.get("/api/projects/" + project).problem(404);
		assertThat(bob.get("/api/projects/" + project + "/members").json()).hasSize(1);
	}

	@Test
	void aProjectWithLiveTasksIsNotDeletedAndItsTrashGoesWithIt() {
		Api.User ana = newUser();
		long project = share(ana, "Mudanza");
		long task = ana.post("/api/tasks", body("title", "Cajas", "projectId", project))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		ana.delete("/api/projects/" + project).problem(409);
		assertThat(ana.get("/api/tasks/" + task).expect(200).json().get("title").asString()).isEqualTo("Cajas");
		ana.delete("/api/tasks/" + task).expect(204);
		ana.delete("/api/projects/" + project).expect(204);
		ana.get("/api/projects/" + project).problem(404);
		ana.get("/api/tasks/" + task).problem(404);
		assertThat(ana.get("/api/tasks/trash").json().get("content")).isEmpty();
	}

	/**
	 * Tasks created while the project is being deleted: the delete either waits for them
	 * (and is refused, the project having live tasks) or wins (and they are refused): no
	 * acknowledged task is ever deleted with the project.
	 */
	@Test
	void noAcknowledgedTaskGoesWithAProjectDeletedAtTheSameMoment() throws Exception {
		Api.User ana = newUser();
		for (int round = 0; round < 5; round++) {
			long project = share(ana, "Carrera " + round);
			java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
			try {
				List<java.util.concurrent.Future<Api.Response>> creates = new java.util.ArrayList<>();
				for (int i = 0; i < 10; i++) {
					int n = i;
					creates
						.add(pool.submit(() -> ana.post("/api/tasks", body("title", "T" + n, "projectId", project))));
				}
				java.util.concurrent.Future<Api.Response> delete = pool
					.submit(() -> ana.delete("/api/projects/" + project));
				assertThat(delete.get().status()).isIn(204, 409);
				for (java.util.concurrent.Future<Api.Response> create : creates) {
					Api.Response answer = create.get();
					assertThat(answer.status()).as(answer.body()).isIn(201, 404, 409);
					if (answer.status() == 201) {
						ana.get("/api/tasks/" + answer.json().get("id").asLong()).expect(200);
					}
				}
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	@Test
	void movingATaskNeedsEditorInBothAndLeavesWhatBelongsToTheOldProject() {
		Api.User ana = newUser();
		Api.User bob = newUser();
		Api.User carol = newUser();
		long shared = share(ana, "Trabajo", bob, "EDITOR", carol, "VIEWER");
		long viewOnly = share(carol, "Carol's", ana, "VIEWER");
		long category = ana.post("/api/categories", body("name", "Urgente", "projectId", shared))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		long id = ana
			.post("/api/tasks",
					body("title", "Informe", "projectId", shared, "categoryIds", List.of(category), "assigneeId",
							bob.id()))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		// assignees and categories must belong to the task's project
		ana.patch("/api/tasks/" + id, body("assigneeId", newUser().id())).problem(400);
		ana.post("/api/tasks", body("title", "x", "categoryIds", List.of(category))).problem(400);
		// a move needs EDITOR in the target too
		ana.patch("/api/tasks/" + id, body("projectId", viewOnly)).problem(403);
		ana.patch("/api/tasks/" + id, body("projectId", 999999999)).problem(404);

		long personal = ana.get("/api/projects").json().get(0).get("id").asLong();
		JsonNode moved = ana.patch("/api/tasks/" + id, body("projectId", personal)).expect(200).json();
		assertThat(moved.get("project").get("id").asLong()).isEqualTo(personal);
		assertThat(moved.get("categories")).isEmpty();
		assertThat(moved.get("assignee").isNull()).isTrue();
		bob.get("/api/tasks/" + id).problem(404);
		assertThat(bob.get("/api/tasks?projectId=" + shared).json().get("content")).isEmpty();
	}

	@Test
	void aMemberWhoLeavesIsNoLongerAnAssignee() {
		Api.User ana = newUser();
		Api.User bob = newUser();
		long project = share(ana, "Huerto", bob, "EDITOR");
		long id = ana.post("/api/tasks", body("title", "Regar", "projectId", project, "assigneeId", bob.id()))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		bob.delete("/api/projects/" + project + "/members/" + bob.id()).expect(204);
		JsonNode task = ana.get("/api/tasks/" + id).expect(200).json();
		assertThat(task.get("assignee").isNull()).isTrue();
		assertThat(task.get("version").asLong()).isEqualTo(1);
	}

	@Test
	void aListCostsTheSameStatementsWhateverThePageSizeAndTheNumberOfProjects() {
		Api.User ana = newUser();
		Api.User bob = newUser();
		for (int p = 0; p < 3; p++) {
			long project = share(ana, "P" + p, bob, "EDITOR");
			long category = ana.post("/api/categories", body("name", "C", "projectId", project))
				.expect(201)
				.json()
				.get("id")
				.asLong();
			for (int i = 0; i < 8; i++) {
				ana.post("/api/tasks", body("title", "T" + i, "projectId", project, "categoryIds", List.of(category),
						"assigneeId", bob.id()))
					.expect(201);
			}
		}
		bob.get("/api/tasks?size=1").expect(200);
		long one = statementsFor(bob, "/api/tasks?size=1");
		long twenty = statementsFor(bob, "/api/tasks?size=20");
		assertThat(bob.get("/api/tasks?size=20").json().get("content")).hasSize(20);
		assertThat(twenty).isEqualTo(one).isLessThanOrEqualTo(4);
	}

	private long statementsFor(Api.User user, String path) {
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		statistics.clear();
		user.get(path).expect(200);
		return statistics.getPrepareStatementCount();
	}

}
