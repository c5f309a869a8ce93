package dev.taskfeed.comment;

import java.util.List;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.taskfeed.support.Projects.share;
import static dev.taskfeed.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

/** The conversation on a task over REST: who reads, writes, edits and deletes. */
class CommentApiTests extends IntegrationTest {

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Test
	void membersTalkOnATaskAndOthersAreToldItDoesNotExist() {
		Api.User ana = newUser();
		Api.User bob = newUser();
		Api.User carol = newUser();
		Api.User dave = newUser();
		long project = share(ana, "Familia", bob, "EDITOR", carol, "VIEWER");
		long task = ana.post("/api/tasks", body("title", "Comprar pan", "projectId", project))
			.expect(201)
			.json()
			.get("id")
			.asLong();

		Api.Response created = bob.post("/api/tasks/" + task + "/comments",
				body("body", "  ¿Integral\no blanco? <b>x</b>  "));
		JsonNode comment = created.expect(201).json();
		long id = comment.get("id").asLong();
		assertThat(created.header("Location")).isEqualTo("/api/comments/" + id);
		assertThat(created.header("ETag")).isEqualTo("\"0\"");
		assertThat(comment.get("taskId").asLong()).isEqualTo(task);
		// kept as typed (ends trimmed), line break and markup included: it is text
		assertThat(comment.get("body").asString()).isEqualTo("¿Integral\no blanco? <b>x</b>");
		assertThat(comment.get("author").get("id").asLong()).isEqualTo(bob.id());
		assertThat(comment.get("editedAt").isNull()).isTrue();
		// a viewer takes part in the conversation too
		carol.post("/api/tasks/" + task + "/comments", body("body", "Integral")).expect(201);
		ana.post("/api/tasks/" + task + "/comments", body("body", "Vale")).expect(201);

		JsonNode page = carol.get("/api/tasks/" + task + "/comments").expect(200).json();
		assertThat(page.get("content").findValuesAsString("body")).containsExactly("¿Integral\no blanco? <b>x</b>",
				"Integral", "Vale");
		assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(3);
		assertThat(ana.get("/api/tasks/" + task).json().get("commentCount").asInt()).isEqualTo(3);
		assertThat(ana.get("/api/tasks?projectId=" + project).json().get("content").get(0).get("commentCount").asInt())
			.isEqualTo(3);
		// comments do not make the task's ETag stale
		assertThat(ana.get("/api/tasks/" + task).json().get("version").asLong()).isZero();

		// outsiders: 404 everywhere, nothing written
		dave.get("/api/tasks/" + task + "/comments").problem(404);
		dave.post("/api/tasks/" + task + "/comments", body("body", "hola")).problem(404);
		dave.patch("/api/comments/" + id, body("body", "hola")).problem(404);
		dave.delete("/api/comments/" + id).problem(404);

		// only the author edits; the author or a project owner deletes
		ana.patch("/api/comments/" + id, body("body", "no")).problem(403);
		carol.delete("/api/comments/" + id).problem(403);
		JsonNode edited = bob.patch("/api/comments/" + id, body("body", "¿Integral o de centeno?"), "If-Match", "\"0\"")
			.expect(200)
			.json();
		assertThat(edited.get("editedAt").isNull()).isFalse();
		assertThat(edited.get("version").asLong()).isEqualTo(1);
		bob.patch("/api/comments/" + id, body("body", "tarde"), "If-Match", "\"0\"").problem(412);
		ana.delete("/api/comments/" + id).expect(204);
		assertThat(ana.get("/api/tasks/" + task).json().get("commentCount").asInt()).isEqualTo(2);
		bob.get("/api/tasks/" + task + "/comments")
			.json()
			.get("content")
			.forEach((c) -> assertThat(c.get("id").asLong()).isNotEqualTo(id));
	}

	@Test
	void aTaskInTheTrashHidesItsConversationUntilRestored() {
		Api.User ana = newUser();
		long task = ana.createTask("Regar").get("id").asLong();
		long id = ana.createComment(task, "Mañana");
		ana.delete("/api/tasks/" + task).expect(204);
		ana.get("/api/tasks/" + task + "/comments").problem(404);
		ana.post("/api/tasks/" + task + "/comments", body("body", "x")).problem(404);
		ana.patch("/api/comments/" + id, body("body", "x")).problem(404);
		ana.post("/api/tasks/" + task + "/restore", null).expect(200);
		assertThat(ana.get("/api/tasks/" + task + "/comments").json().get("content").findValuesAsString("body"))
			.containsExactly("Mañana");
	}

	@Test
	void badCommentsAre400AndNothingIsSaved() {
		Api.User ana = newUser();
		long task = ana.createTask("Vacío").get("id").asLong();
		for (Object bad : List.of(body("body", ""), body("body", "   \n "), body("body", "x".repeat(4001)),
				body("text", "x"), body("body", 5))) {
			ana.post("/api/tasks/" + task + "/comments", bad).problem(400);
		}
		ana.get("/api/tasks/" + task + "/comments?size=0").problem(400);
		ana.get("/api/tasks/" + task + "/comments?page=-1").problem(400);
		assertThat(ana.post("/api/tasks/" + task + "/comments", body("body", "x".repeat(4000)))
			.expect(201)
			.json()
			.get("body")
			.asString()).hasSize(4000);
		assertThat(ana.get("/api/tasks/" + task).json().get("commentCount").asInt()).isEqualTo(1);
	}

	@Test
	void aCommentsLengthCountsCharactersAndTheMessageStatesTheRealBounds() {
		Api.User ana = newUser();
		long task = ana.createTask("Emoji").get("id").asLong();
		String emoji = "\uD83D\uDE00";
		ana.post("/api/tasks/" + task + "/comments", body("body", emoji.repeat(4000))).expect(201);
		JsonNode problem = ana.post("/api/tasks/" + task + "/comments", body("body", emoji.repeat(4001))).problem(400);
		assertThat(problem.get("errors").get(0).get("message").asString())
			.isEqualTo("must be between 1 and 4000 characters long");
		assertThat(ana.get("/api/tasks/" + task + "/comments").json().get("content").findValuesAsString("body"))
			.containsExactly(emoji.repeat(4000));
	}

	@Test
	void aStaleIfMatchOnACommentIsA412ThatNamesTheComment() {
		Api.User ana = newUser();
		long task = ana.createTask("Versiones").get("id").asLong();
		long id = ana.createComment(task, "v0");
		ana.patch("/api/comments/" + id, body("body", "v1"), "If-Match", "\"0\"").expect(200);
		for (Api.Response stale : List.of(ana.patch("/api/comments/" + id, body("body", "lost"), "If-Match", "\"0\""),
				ana.delete("/api/comments/" + id, "If-Match", "\"0\""))) {
			String detail = stale.problem(412).get("detail").asString();
			assertThat(detail).startsWith("The comment has changed since you read it").contains("\"1\"");
			assertThat(detail).doesNotContain("task");
		}
		JsonNode kept = ana.get("/api/tasks/" + task + "/comments").json().get("content").get(0);
		assertThat(kept.get("body").asString()).isEqualTo("v1");
		assertThat(kept.get("version").asLong()).isEqualTo(1);
	}

	@Test
	void aPageFarPastTheEndIsEmptyLikeTheTaskListsPages() {
		Api.User ana = newUser();
		long task = ana.createTask("Lejos").get("id").asLong();
		ana.post("/api/tasks/" + task + "/comments", body("body", "uno")).expect(201);
		for (String query : List.of("?page=2147483647", "?page=2147483647&size=100", "?page=21474837&size=100",
				"?page=5")) {
			JsonNode page = ana.get("/api/tasks/" + task + "/comments" + query).expect(200).json();
			assertThat(page.get("content").size()).as(query).isZero();
			assertThat(page.get("page").get("totalElements").asLong()).as(query).isEqualTo(1);
			JsonNode tasks = ana.get("/api/tasks" + query).expect(200).json();
			assertThat(tasks.get("content").size()).as(query).isZero();
			assertThat(ana.get("/api/tasks/trash" + query).expect(200).json().get("content").size()).as(query).isZero();
		}
	}

	@Test
	void aPageOfCommentsCostsTheSameStatementsWhateverItsSize() {
		Api.User ana = newUser();
		Api.User bob = newUser();
		long project = share(ana, "Charla", bob, "EDITOR");
		long task = ana.post("/api/tasks", body("title", "Hablar", "projectId", project))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		for (int i = 0; i < 12; i++) {
			((i % 2 == 0) ? ana : bob).post("/api/tasks/" + task + "/comments", body("body", "m" + i)).expect(201);
		}
		ana.get("/api/tasks/" + task + "/comments?size=1").expect(200);
		long one = statementsFor(ana, "/api/tasks/" + task + "/comments?size=1");
		long twelve = statementsFor(ana, "/api/tasks/" + task + "/comments?size=12");
		assertThat(ana.get("/api/tasks/" + task + "/comments?size=12").json().get("content").findValuesAsString("body"))
			.containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11");
		assertThat(twelve).isEqualTo(one);
	}

	private long statementsFor(Api.User user, String path) {
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		statistics.clear();
		user.get(path).expect(200);
		return statistics.getPrepareStatementCount();
	}

}
