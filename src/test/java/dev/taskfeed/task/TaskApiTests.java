package dev.taskfeed.task;

import java.util.List;
import java.util.Map;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.taskfeed.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

class TaskApiTests extends IntegrationTest {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Test
	void aScriptsCreateWithTwoCategoriesAsksTheDatabaseFourTimes() {
		Api.User user = newUser();
		long home = user.createCategory("Casa");
		long urgent = user.createCategory("Urgente");
		String bearer = "Bearer " + user.createToken("script");
		String request = Api.json(body("title", "Pagar la luz", "categoryIds", List.of(home, urgent)));
		this.api.send("POST", "/api/tasks", bearer, request).expect(201); // the token is
																			// known now

		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		statistics.clear();
		JsonNode task = this.api.send("POST", "/api/tasks", bearer, request).expect(201).json();
		long statements = statistics.getPrepareStatementCount();

		assertThat(task.get("categories").size()).isEqualTo(2);
		assertThat(task.get("createdBy").get("displayName").asString()).isNotBlank();
		// the membership with its project and the creator, the categories, the task, its
		// links (one batch); nobody watches, so no audience is read after the commit
		assertThat(statements).isLessThanOrEqualTo(4);
	}

	@Test
	void createdTaskCarriesOwnerCategoriesLocationAndEtag() {
		Api.User user = newUser();
		long home = user.createCategory("Casa");
		long urgent = user.createCategory("Urgente");
		Api.Response created = user
			.post("/api/tasks",
					body("title", "Pagar la luz", "description", "Antes del día 5", "dueDate", "2026-12-05",
							"categoryIds", List.of(urgent, home)))
			.expect(201);
		JsonNode task = created.json();
		long id = task.get("id").asLong();
		assertThat(created.header("Location")).isEqualTo("/api/tasks/" + id);
		assertThat(created.header("ETag")).isEqualTo("\"0\"");
		assertThat(task.get("status").asString()).isEqualTo("TODO");
		assertThat(task.get("dueDate").asString()).isEqualTo("2026-12-05");
		assertThat(task.get("version").asLong()).isZero();
		assertThat(task.get("owner").get("email").asString()).isEqualTo(user.email());
		assertThat(task.get("owner").has("passwordHash")).isFalse();
		assertThat(task.get("categories").findValuesAsString("name")).containsExactly("Casa", "Urgente");

		Api.Response read = user.get("/api/tasks/" + id).expect(200);
		assertThat(read.header("ETag")).isEqualTo("\"0\"");
		assertThat(read.json()).isEqualTo(task);
	}

	@Test
	void patchMergesAndBumpsTheVersion() {
		Api.User user = newUser();
		long a = user.createCategory("A");
		long b = user.createCategory("B");
		JsonNode task = user
			.post("/api/tasks",
					body("title", "Original", "description", "keep me", "dueDate", "2026-12-24", "categoryIds",
							List.of(a)))
			.expect(201)
			.json();
		long id = task.get("id").asLong();

		Api.Response patched = user
			.patch("/api/tasks/" + id, body("status", "IN_PROGRESS", "dueDate", null, "categoryIds", List.of(b)))
			.expect(200);
		JsonNode after = patched.json();
		assertThat(after.get("title").asString()).isEqualTo("Original");
		assertThat(after.get("description").asString()).isEqualTo("keep me");
		assertThat(after.get("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(after.get("dueDate").isNull()).isTrue();
		assertThat(after.get("categories").findValuesAsString("name")).containsExactly("B");
		assertThat(after.get("version").asLong()).isEqualTo(1);
		assertThat(patched.header("ETag")).isEqualTo("\"1\"");
		assertThat(user.get("/api/tasks/" + id).json()).isEqualTo(after);

		JsonNode cleared = user.patch("/api/tasks/" + id, body("description", null)).expect(200).json();
		assertThat(cleared.get("description").isNull()).isTrue();
		user.patch("/api/tasks/" + id, body("title", null)).problem(400);
		user.patch("/api/tasks/" + id, body("title", "")).problem(400);
	}

	@Test
	void staleIfMatchIs412AndChangesNothing() {
		Api.User user = newUser();
		long id = user.createTask("Versioned").get("id").asLong();
		user.patch("/api/tasks/" + id, body("title", "v1"), "If-Match", "\"0\"").expect(200);
		JsonNode problem = user.patch("/api/tasks/" + id, body("title", "lost update"), "If-Match", "\"0\"")
			.problem(412);
		assertThat(problem.get("detail").asString()).contains("\"1\"").startsWith("The task has changed");
		assertThat(user.delete("/api/tasks/" + id, "If-Match", "\"0\"").problem(412).get("detail").asString())
			.startsWith("The task has changed");
		JsonNode current = user.get("/api/tasks/" + id).expect(200).json();
		assertThat(current.get("title").asString()).isEqualTo("v1");
		user.delete("/api/tasks/" + id, "If-Match", "\"1\"").expect(204);
	}

	@Test
	void ifMatchComparesStronglyAndTakesListsAndAStar() {
		Api.User user = newUser();
		long id = user.createTask("Versioned").get("id").asLong();
		// a weak tag never matches (RFC 9110: If-Match uses the strong comparison)
		user.patch("/api/tasks/" + id, body("title", "weak"), "If-Match", "W/\"0\"").problem(412);
		user.patch("/api/tasks/" + id, body("title", "listed"), "If-Match", "\"7\", \"0\"").expect(200);
		user.patch("/api/tasks/" + id, body("title", "any"), "If-Match", "*").expect(200);
		assertThat(user.get("/api/tasks/" + id).json().get("title").asString()).isEqualTo("any");
	}

	@Test
	void deletedTaskGoesToTrashAndComesBack() {
		Api.User user = newUser();
		long id = user.createTask("Recyclable").get("id").asLong();
		user.delete("/api/tasks/" + id).expect(204);
		user.get("/api/tasks/" + id).problem(404);
		user.delete("/api/tasks/" + id).problem(404);
		assertThat(user.get("/api/tasks").json().get("content").size()).isZero();
		JsonNode trash = user.get("/api/tasks/trash").expect(200).json();
		assertThat(trash.get("content").findValuesAsString("title")).containsExactly("Recyclable");
		assertThat(this.jdbc.queryForObject("select count(*) from tasks where id = ? and deleted_at is not null",
				Integer.class, id))
			.isEqualTo(1);

		JsonNode restored = user.post("/api/tasks/" + id + "/restore", null).expect(200).json();
		assertThat(restored.get("title").asString()).isEqualTo("Recyclable");
		user.get("/api/tasks/" + id).expect(200);
		assertThat(user.get("/api/tasks/trash").json().get("content").size()).isZero();
		assertThat(user.get("/api/tasks").json().get("content").size()).isEqualTo(1);
	}

	@Test
	void aForeignOrUnknownCategoryOnCreateSavesNothing() {
		Api.User owner = newUser();
		long foreign = owner.createCategory("Ajena");
		Api.User user = newUser();
		long mine = user.createCategory("Mía");
		JsonNode problem = user.post("/api/tasks", body("title", "Sneaky", "categoryIds", List.of(mine, foreign)))
			.problem(400);
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("categoryIds");
		user.post("/api/tasks", body("title", "Ghost", "categoryIds", List.of(Long.MAX_VALUE))).problem(400);
		assertThat(this.jdbc.queryForObject("select count(*) from tasks where owner_id = ?", Integer.class, user.id()))
			.isZero();
	}

	@Test
	void anotherUsersTaskIsNotFoundAndItsCategoriesCannotBeLinked() {
		Api.User alice = newUser();
		long aliceCategory = alice.createCategory("Secreto");
		long aliceTask = alice.createTask("Plan").get("id").asLong();
		Api.User bob = newUser();
		long bobTask = bob.createTask("Mine").get("id").asLong();
		long bobCategory = bob.createCategory("Bob's");

		bob.get("/api/tasks/" + aliceTask).problem(404);
		bob.patch("/api/tasks/" + aliceTask, body("title", "Hacked")).problem(404);
		bob.delete("/api/tasks/" + aliceTask).problem(404);
		bob.post("/api/tasks/" + aliceTask + "/restore", null).problem(404);
		bob.put("/api/tasks/" + bobTask + "/categories/" + aliceCategory).problem(404);
		bob.put("/api/tasks/" + aliceTask + "/categories/" + bobCategory).problem(404);
		bob.patch("/api/tasks/" + bobTask, body("categoryIds", List.of(aliceCategory))).problem(400);
		assertThat(bob.get("/api/tasks").json().get("content").findValuesAsString("title")).containsExactly("Mine");

		JsonNode untouched = alice.get("/api/tasks/" + aliceTask).expect(200).json();
		assertThat(untouched.get("title").asString()).isEqualTo("Plan");
		assertThat(untouched.get("version").asLong()).isZero();
	}

	@Test
	void linkingAndUnlinkingAreIdempotent() {
		Api.User user = newUser();
		long category = user.createCategory("Lectura");
		long id = user.createTask("Leer").get("id").asLong();
		String link = "/api/tasks/" + id + "/categories/" + category;
		user.put(link).expect(204);
		user.put(link).expect(204);
		JsonNode linked = user.get("/api/tasks/" + id).json();
		assertThat(linked.get("categories").findValuesAsString("name")).containsExactly("Lectura");
		assertThat(linked.get("version").asLong()).isEqualTo(1);
		user.delete(link).expect(204);
		user.delete(link).expect(204);
		JsonNode unlinked = user.get("/api/tasks/" + id).json();
		assertThat(unlinked.get("categories").size()).isZero();
		assertThat(unlinked.get("version").asLong()).isEqualTo(2);
	}

	@Test
	void dueDatesOutsideTheYears1To9999Are400NamingDueDateAndNothingChanges() {
		Api.User user = newUser();
		JsonNode kept = user.post("/api/tasks", body("title", "Kept", "dueDate", "2026-12-01")).expect(201).json();
		String path = "/api/tasks/" + kept.get("id").asLong();
		for (String date : List.of("0000-01-01", "-0001-01-01", "+10000-01-01", "+99999-01-01", "-999999999-01-01",
				"+999999999-12-31")) {
			JsonNode created = user.post("/api/tasks", body("title", "Out of range", "dueDate", date)).problem(400);
			assertThat(created.get("errors").get(0).get("field").asString()).as(date).isEqualTo("dueDate");
			assertThat(created.get("errors").get(0).get("message").asString()).as(date)
				.isEqualTo("must be a date from 0001-01-01 to 9999-12-31");
			JsonNode patched = user.patch(path, body("dueDate", date)).problem(400);
			assertThat(patched.get("errors").get(0).get("field").asString()).as(date).isEqualTo("dueDate");
			for (String filter : List.of("dueBefore", "dueAfter")) {
				JsonNode listed = user.get("/api/tasks?" + filter + "=" + date.replace("+", "%2B")).problem(400);
				assertThat(listed.get("errors").get(0).get("field").asString()).as(date).isEqualTo(filter);
			}
		}
		// nothing was stored, nothing changed
		JsonNode tasks = user.get("/api/tasks").expect(200).json();
		assertThat(tasks.get("content").findValuesAsString("title")).containsExactly("Kept");
		JsonNode read = user.get(path).json();
		assertThat(read.get("dueDate").asString()).isEqualTo("2026-12-01");
		assertThat(read.get("version").asLong()).isEqualTo(kept.get("version").asLong());
		// the ends of the range are dates like any other
		assertThat(user.post("/api/tasks", body("title", "First", "dueDate", "0001-01-01"))
			.expect(201)
			.json()
			.get("dueDate")
			.asString()).isEqualTo("0001-01-01");
		assertThat(user.patch(path, body("dueDate", "9999-12-31")).expect(200).json().get("dueDate").asString())
			.isEqualTo("9999-12-31");
		assertThat(user.get(path).json().get("dueDate").asString()).isEqualTo("9999-12-31");
		user.get("/api/tasks?dueBefore=9999-12-31&dueAfter=0001-01-01").expect(200);
	}

	@Test
	void lengthsCountCharactersNotUtf16UnitsAndMessagesStateTheRealBounds() {
		Api.User user = newUser();
		String emoji = "\uD83D\uDE00";
		JsonNode task = user.post("/api/tasks", body("title", emoji.repeat(200), "description", emoji.repeat(10000)))
			.expect(201)
			.json();
		assertThat(task.get("title").asString()).isEqualTo(emoji.repeat(200));
		String path = "/api/tasks/" + task.get("id").asLong();
		assertThat(user.get(path).json().get("description").asString()).isEqualTo(emoji.repeat(10000));
		user.patch(path, body("title", emoji.repeat(101))).expect(200);

		JsonNode title = user.post("/api/tasks", body("title", emoji.repeat(201))).problem(400);
		assertThat(title.get("errors").get(0).get("field").asString()).isEqualTo("title");
		assertThat(title.get("errors").get(0).get("message").asString())
			.isEqualTo("must be between 1 and 200 characters long");
		JsonNode description = user.patch(path, body("description", "x".repeat(10001))).problem(400);
		assertThat(description.get("errors").get(0).get("message").asString())
			.isEqualTo("must be at most 10000 characters long");
		assertThat(user.patch(path, body("title", "x".repeat(201)))
			.problem(400)
			.get("errors")
			.get(0)
			.get("message")
			.asString()).isEqualTo("must be between 1 and 200 characters long");
		assertThat(user.get("/api/tasks").json().get("content").size()).isEqualTo(1);
		assertThat(user.get(path).json().get("title").asString()).isEqualTo(emoji.repeat(101));
	}

	@Test
	void unknownPropertiesAndWrongTypesAre400() {
		Api.User user = newUser();
		JsonNode unknown = user.post("/api/tasks", body("title", "x", "priority", "high")).problem(400);
		assertThat(unknown.get("detail").asString()).contains("priority");
		JsonNode status = user.post("/api/tasks", body("title", "x", "status", "LATER")).problem(400);
		assertThat(status.get("detail").asString()).contains("status").contains("TODO");
		JsonNode date = user.post("/api/tasks", body("title", "x", "dueDate", "mañana")).problem(400);
		assertThat(date.get("detail").asString()).contains("dueDate");
		user.post("/api/tasks", body("title", List.of("x"))).problem(400);
		user.post("/api/tasks", body("title", "x", "categoryIds", "1")).problem(400);
		long id = user.createTask("Target").get("id").asLong();
		user.patch("/api/tasks/" + id, body("nope", true)).problem(400);
		JsonNode missing = user.post("/api/tasks", Map.of()).problem(400);
		assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("title");
	}

}
