package dev.taskfeed.web;

import java.net.http.HttpResponse;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.PageSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.taskfeed.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page form that edits something versioned (a task, a comment) carries the version it
 * was drawn from, and is refused without it: a hand-made or stale form never overwrites a
 * change it did not see.
 */
class EditFormVersionTests extends IntegrationTest {

	@Test
	void aTaskEditFormWithoutItsVersionIsRefusedAndChangesNothing() {
		Api.User user = newUser();
		long id = user.createTask("Pintar la valla").get("id").asLong();
		user.patch("/api/tasks/" + id, body("status", "IN_PROGRESS")).expect(200);
		JsonNode before = user.get("/api/tasks/" + id).json();

		PageSession page = new PageSession(this.port, "en").signIn(user.email(), user.password());
		page.get("/tasks/" + id + "/edit");
		HttpResponse<String> missing = page.post("/tasks/" + id + "/edit", "title", "Overwritten", "status", "DONE");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("This form does not say which version of the task")
			.contains("value=\"Overwritten\"");
		for (String version : new String[] { "", "abc", "1.5", "99999999999999999999" }) {
			HttpResponse<String> odd = page.post("/tasks/" + id + "/edit", "title", "Overwritten", "status", "DONE",
					"version", version);
			assertThat(odd.statusCode()).as("version=%s", version).isEqualTo(400);
			assertThat(odd.body()).contains("This form does not say which version of the task");
		}
		assertThat(user.get("/api/tasks/" + id).json()).isEqualTo(before);

		// in Spanish too
		PageSession spanish = new PageSession(this.port, "es").signIn(user.email(), user.password());
		spanish.get("/tasks/" + id + "/edit");
		HttpResponse<String> sinVersion = spanish.post("/tasks/" + id + "/edit", "title", "Sobrescrita", "status",
				"DONE");
		assertThat(sinVersion.statusCode()).isEqualTo(400);
		assertThat(sinVersion.body()).contains("Este formulario no indica de qué versión de la tarea");
		assertThat(user.get("/api/tasks/" + id).json()).isEqualTo(before);

		// a stale version is still "changed meanwhile", and the right one saves
		long version = before.get("version").asLong();
		HttpResponse<String> stale = page.post("/tasks/" + id + "/edit", "title", "Overwritten", "status", "DONE",
				"version", String.valueOf(version - 1));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("changed somewhere else");
		assertThat(user.get("/api/tasks/" + id).json()).isEqualTo(before);
		HttpResponse<String> saved = page.post("/tasks/" + id + "/edit", "title", "Renamed", "status", "DONE",
				"version", String.valueOf(version));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(user.get("/api/tasks/" + id).json().get("title").asString()).isEqualTo("Renamed");
	}

	@Test
	void aCommentEditFormWithoutItsVersionIsRefusedAndChangesNothing() {
		Api.User user = newUser();
		long task = user.createTask("Pintar la valla").get("id").asLong();
		long comment = user.createComment(task, "Yo compro la pintura");
		user.patch("/api/comments/" + comment, body("body", "Yo compro la pintura verde"), "If-Match", "\"0\"")
			.expect(200);
		JsonNode before = user.get("/api/tasks/" + task + "/comments").json().get("content").get(0);

		for (String language : new String[] { "en", "es" }) {
			PageSession page = new PageSession(this.port, language).signIn(user.email(), user.password());
			page.get("/tasks/" + task + "?edit=" + comment);
			String message = language.equals("en") ? "This form does not say which version of the comment"
					: "Este formulario no indica de qué versión del comentario";
			HttpResponse<String> missing = page.post("/tasks/" + task + "/comments/" + comment + "/edit", "body",
					"Overwritten");
			assertThat(missing.statusCode()).isEqualTo(400);
			assertThat(missing.body()).contains(message).contains(">Overwritten</textarea>");
			HttpResponse<String> odd = page.post("/tasks/" + task + "/comments/" + comment + "/edit", "body",
					"Overwritten", "version", "abc");
			assertThat(odd.statusCode()).isEqualTo(400);
			assertThat(odd.body()).contains(message);
		}
		assertThat(user.get("/api/tasks/" + task + "/comments").json().get("content").get(0)).isEqualTo(before);

		// a stale version is still "changed meanwhile"
		PageSession page = new PageSession(this.port, "en").signIn(user.email(), user.password());
		page.get("/tasks/" + task + "?edit=" + comment);
		HttpResponse<String> stale = page.post("/tasks/" + task + "/comments/" + comment + "/edit", "body",
				"Overwritten", "version", "0");
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("This comment was changed somewhere else");
		assertThat(user.get("/api/tasks/" + task + "/comments").json().get("content").get(0)).isEqualTo(before);
	}

}
