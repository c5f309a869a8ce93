package dev.taskfeed.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.PageSession;
import dev.taskfeed.support.Projects;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.taskfeed.support.Api.body;
import static dev.taskfeed.support.PageSession.location;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task's conversation on its page, without JavaScript: every member comments (a viewer
 * too) through a form that comes back to the comment; a blank or too long one is a
 * message beside the field with nothing saved; an author edits and deletes their own, a
 * project owner deletes any, anyone else is refused (403); someone outside the project
 * finds no page (404); text is shown as text.
 */
class CommentPageTests extends IntegrationTest {

	@Test
	void aViewerCommentsThroughTheFormAndTheConversationShowsOldestFirstAsText() {
		Api.User ana = person("Ana García");
		Api.User carol = person("Carol");
		long casa = Projects.share(ana, "Casa", carol, "VIEWER");
		long task = task(ana, casa, "Comprar pan");
		ana.post("/api/tasks/" + task + "/comments", body("body", "¿Integral o blanco?")).expect(201);

		PageSession carols = new PageSession(this.port, "en").signIn(carol.email(), carol.password());
		String before = carols.get("/tasks/" + task).body();
		assertThat(before).contains("Conversation").contains("1 comment").contains("id=\"comment-form\"");
		HttpResponse<String> posted = carols.post("/tasks/" + task + "/comments", "body",
				"<b>hola</b>\r\nBlanco, por favor");
		assertThat(posted.statusCode()).isEqualTo(302);
		List<JsonNode> comments = comments(ana, task);
		assertThat(comments).hasSize(2);
		JsonNode mine = comments.get(1);
		assertThat(mine.get("body").asString()).isEqualTo("<b>hola</b>\nBlanco, por favor");
		assertThat(mine.get("author").get("displayName").asString()).isEqualTo("Carol");
		assertThat(posted.headers().firstValue("Location").orElseThrow())
			.endsWith("/tasks/" + task + "#comment-" + mine.get("id").asLong());

		String after = carols.get(location(posted)).body();
		assertThat(after).contains("Comment added.")
			.contains("2 comments")
			.contains("&lt;b&gt;hola&lt;/b&gt;\nBlanco, por favor")
			.doesNotContain("<b>hola</b>");
		assertThat(after.indexOf("¿Integral o blanco?")).isLessThan(after.indexOf("&lt;b&gt;hola"));
		assertThat(after).contains("<span class=\"comment-author\">Ana García</span>")
			.contains("<span class=\"comment-author\">Carol</span>");
		// Carol may edit and delete her own comment, not Ana's
		long anasId = comments.get(0).get("id").asLong();
		long carolsId = mine.get("id").asLong();
		assertThat(after).contains("edit=" + carolsId + "#")
			.contains("/comments/" + carolsId + "/delete")
			.doesNotContain("edit=" + anasId + "#")
			.doesNotContain("/comments/" + anasId + "/delete");

		// the list says how many comments a task has
		assertThat(carols.get("/tasks?project=" + casa).body()).contains("2 comments");

		PageSession spanish = new PageSession(this.port, "es").signIn(carol.email(), carol.password());
		assertThat(spanish.get("/tasks/" + task).body()).contains("Conversación")
			.contains("2 comentarios")
			.contains("Añadir un comentario");
	}

	@Test
	void aBlankOrTooLongCommentComesBackWithAMessageBesideTheFieldAndNothingIsSaved() {
		Api.User ana = person("Ana");
		long task = ana.createTask("Regar las plantas").get("id").asLong();
		PageSession page = new PageSession(this.port, "en").signIn(ana.email(), ana.password());
		page.get("/tasks/" + task);

		HttpResponse<String> blank = page.post("/tasks/" + task + "/comments", "body", "  \r\n ");
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("id=\"body-error\"")
			.contains("Please fill this in.")
			.contains("Regar las plantas");

		String tooLong = "a".repeat(4001);
		HttpResponse<String> over = page.post("/tasks/" + task + "/comments", "body", tooLong);
		assertThat(over.statusCode()).isEqualTo(400);
		assertThat(over.body()).contains("id=\"body-error\"").contains("Please keep this under 4,000 characters.");
		// what was typed stays in the field, to shorten
		assertThat(over.body()).contains(">" + tooLong + "</textarea>");
		assertThat(comments(ana, task)).isEmpty();

		// 4000 characters with line breaks fit: a browser sends each as CR LF
		String lines = ("b".repeat(99) + "\n").repeat(40);
		HttpResponse<String> fits = page.post("/tasks/" + task + "/comments", "body", lines.replace("\n", "\r\n"));
		assertThat(fits.statusCode()).isEqualTo(302);
		assertThat(comments(ana, task)).singleElement()
			.satisfies((comment) -> assertThat(comment.get("body").asString()).isEqualTo(lines.strip()));
	}

	@Test
	void authorsEditAndDeleteTheirOwnCommentsAndProjectOwnersDeleteAny() {
		Api.User ana = person("Ana");
		Api.User bob = person("Bob");
		Api.User carol = person("Carol");
		long casa = Projects.share(ana, "Casa", bob, "EDITOR", carol, "VIEWER");
		long task = task(ana, casa, "Pintar la valla");
		long bobs = bob.createComment(task, "Yo compro la pintura");

		// Bob edits his comment: the link draws the form in its place
		PageSession bobsPage = new PageSession(this.port, "en").signIn(bob.email(), bob.password());
		String editing = bobsPage.get("/tasks/" + task + "?edit=" + bobs).body();
		assertThat(editing).contains("action=\"/tasks/" + task + "/comments/" + bobs + "/edit\"")
			.contains(">Yo compro la pintura</textarea>")
			.contains("name=\"version\" value=\"0\"");
		HttpResponse<String> blank = bobsPage.post("/tasks/" + task + "/comments/" + bobs + "/edit", "body", " ",
				"version", "0");
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("id=\"edit-body-error\"").contains("Please fill this in.");
		HttpResponse<String> saved = bobsPage.post("/tasks/" + task + "/comments/" + bobs + "/edit", "body",
				"Yo compro la pintura <i>verde</i>", "version", "0");
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(saved.headers().firstValue("Location").orElseThrow())
			.endsWith("/tasks/" + task + "#comment-" + bobs);
		JsonNode edited = comments(ana, task).get(0);
		assertThat(edited.get("body").asString()).isEqualTo("Yo compro la pintura <i>verde</i>");
		assertThat(edited.get("editedAt").isNull()).isFalse();
		assertThat(bobsPage.get("/tasks/" + task).body()).contains("Comment saved.")
			.contains("(edited)")
			.contains("Yo compro la pintura &lt;i&gt;verde&lt;/i&gt;");

		// a form drawn before that edit is stale:
		// it comes back with what was typed, and a message
		HttpResponse<String> stale = bobsPage.post("/tasks/" + task + "/comments/" + bobs + "/edit", "body",
				"Yo compro la pintura roja", "version", "0");
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("This comment was changed somewhere else")
			.contains(">Yo compro la pintura roja</textarea>")
			.contains("name=\"version\" value=\"1\"");

		// Ana, an owner, may delete Bob's comment but not edit it;
		// Carol, a viewer, neither
		PageSession anasPage = new PageSession(this.port, "en").signIn(ana.email(), ana.password());
		String anas = anasPage.get("/tasks/" + task).body();
		assertThat(anas).contains("/comments/" + bobs + "/delete").doesNotContain("edit=" + bobs + "#");
		HttpResponse<String> forgedEdit = anasPage.post("/tasks/" + task + "/comments/" + bobs + "/edit", "body",
				"Pinta tú", "version", "1");
		assertThat(forgedEdit.statusCode()).isEqualTo(403);
		assertThat(forgedEdit.body()).contains("<h1>Not allowed</h1>");
		PageSession carolsPage = new PageSession(this.port, "en").signIn(carol.email(), carol.password());
		assertThat(carolsPage.get("/tasks/" + task).body()).doesNotContain("/comments/" + bobs + "/delete")
			.doesNotContain("edit=" + bobs + "#");
		// asking for the edit form of someone else's comment draws none
		assertThat(carolsPage.get("/tasks/" + task + "?edit=" + bobs).body())
			.doesNotContain("/comments/" + bobs + "/edit\"");
		assertThat(carolsPage.post("/tasks/" + task + "/comments/" + bobs + "/delete").statusCode()).isEqualTo(403);
		assertThat(comments(ana, task)).singleElement()
			.satisfies((comment) -> assertThat(comment.get("body").asString())
				.isEqualTo("Yo compro la pintura <i>verde</i>"));

		HttpResponse<String> deleted = anasPage.post("/tasks/" + task + "/comments/" + bobs + "/delete");
		assertThat(deleted.statusCode()).isEqualTo(302);
		assertThat(location(deleted)).isEqualTo("/tasks/" + task);
		assertThat(comments(ana, task)).isEmpty();
		assertThat(anasPage.get("/tasks/" + task).body()).contains("Comment deleted.").contains("No comments yet.");

		// and Bob deletes his own
		long again = bob.createComment(task, "Otra vez");
		bobsPage.get("/tasks/" + task);
		assertThat(bobsPage.post("/tasks/" + task + "/comments/" + again + "/delete").statusCode()).isEqualTo(302);
		assertThat(comments(ana, task)).isEmpty();
	}

	@Test
	void someoneOutsideTheProjectFindsNoTaskPageAndCannotComment() {
		Api.User ana = person("Ana");
		Api.User dave = person("Dave");
		long casa = Projects.share(ana, "Casa");
		long task = task(ana, casa, "Secreto");
		long comment = ana.createComment(task, "Nadie más lo ve");

		PageSession page = new PageSession(this.port, "en").signIn(dave.email(), dave.password());
		HttpResponse<String> detail = page.get("/tasks/" + task);
		assertThat(detail.statusCode()).isEqualTo(404);
		assertThat(detail.body()).contains("<h1>Not found</h1>").doesNotContain("Secreto");
		page.get("/tasks");
		assertThat(page.post("/tasks/" + task + "/comments", "body", "Hola").statusCode()).isEqualTo(404);
		assertThat(page.post("/tasks/" + task + "/comments/" + comment + "/edit", "body", "Hola").statusCode())
			.isEqualTo(404);
		assertThat(page.post("/tasks/" + task + "/comments/" + comment + "/delete").statusCode()).isEqualTo(404);
		assertThat(comments(ana, task)).singleElement()
			.satisfies((c) -> assertThat(c.get("body").asString()).isEqualTo("Nadie más lo ve"));

		// a task in the trash has no page, for its members either
		ana.delete("/api/tasks/" + task).expect(204);
		PageSession anas = new PageSession(this.port, "en").signIn(ana.email(), ana.password());
		assertThat(anas.get("/tasks/" + task).statusCode()).isEqualTo(404);
		anas.get("/tasks");
		assertThat(anas.post("/tasks/" + task + "/comments", "body", "Hola").statusCode()).isEqualTo(404);
	}

	@Test
	void aLongConversationOpensOnItsNewestPageWithOlderCommentsALinkAway() {
		Api.User ana = person("Ana");
		long task = ana.createTask("Planear el viaje").get("id").asLong();
		for (int i = 1; i <= 31; i++) {
			ana.post("/api/tasks/" + task + "/comments", body("body", "Idea número " + i)).expect(201);
		}
		PageSession page = new PageSession(this.port, "en").signIn(ana.email(), ana.password());

		String newest = page.get("/tasks/" + task).body();
		assertThat(newest).contains("31 comments")
			.contains("Idea número 31")
			.doesNotContain("Idea número 30<")
			.contains("href=\"/tasks/" + task + "?page=0\"")
			.contains("Older comments")
			.doesNotContain("Newer comments");
		String older = page.get("/tasks/" + task + "?page=0").body();
		assertThat(older).contains("Idea número 1<")
			.contains("Idea número 30<")
			.doesNotContain("Idea número 31")
			.contains("Newer comments")
			.doesNotContain("Older comments");
		assertThat(older.indexOf("Idea número 1<")).isLessThan(older.indexOf("Idea número 2<"));
		// a page past the end is the newest
		assertThat(page.get("/tasks/" + task + "?page=7").body()).contains("Idea número 31");
		// however far past it: no offset too large for the database
		HttpResponse<String> farthest = page.get("/tasks/" + task + "?page=2147483647");
		assertThat(farthest.statusCode()).isEqualTo(200);
		assertThat(farthest.body()).contains("Idea número 31").doesNotContain("Idea número 30<");
		assertThat(page.get("/trash?page=2147483647").statusCode()).isEqualTo(200);
		assertThat(page.get("/tasks?page=2147483647").statusCode()).isEqualTo(200);
	}

	private static long task(Api.User creator, long project, String title) {
		return creator.post("/api/tasks", body("title", title, "projectId", project))
			.expect(201)
			.json()
			.get("id")
			.asLong();
	}

	private static List<JsonNode> comments(Api.User reader, long task) {
		JsonNode page = reader.get("/api/tasks/" + task + "/comments?size=100").expect(200).json();
		List<JsonNode> comments = new java.util.ArrayList<>();
		page.get("content").forEach(comments::add);
		return comments;
	}

	/** A new account with a display name of one's choosing, signed with an API token. */
	private Api.User person(String displayName) {
		String email = displayName.toLowerCase().replaceAll("[^a-z]", "") + "-" + UUID.randomUUID() + "@example.com";
		Api.User user = this.api.register(email, "correct horse battery", displayName);
		return user.withToken(user.createToken("test client"));
	}

}
