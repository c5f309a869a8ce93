package dev.taskfeed.comment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.StompTestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.taskfeed.support.Projects.share;
import static dev.taskfeed.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversation live, with real STOMP clients: comments and typing reach the members
 * of the task's project and nobody else, after commit only.
 */
class CommentLiveTests extends IntegrationTest {

	private static final String TASKS = "/user/queue/tasks";

	private static final Duration WAIT = Duration.ofSeconds(5);

	@Autowired
	CommentService comments;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aCommentReachesEverySessionOfEveryMemberAfterCommitAndNeverAnOutsider() throws Exception {
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
		try (StompTestClient ana1 = StompTestClient.connect(this.port, ana.authorization());
				StompTestClient ana2 = StompTestClient.connect(this.port, ana.basic());
				StompTestClient carolClient = StompTestClient.connect(this.port, carol.authorization());
				StompTestClient daveClient = StompTestClient.connect(this.port, dave.authorization())) {
			List<BlockingQueue<JsonNode>> members = List.of(ana1.subscribe(TASKS), ana2.subscribe(TASKS),
					carolClient.subscribe(TASKS));
			BlockingQueue<JsonNode> daves = daveClient.subscribe(TASKS);

			// a comment that rolls back is never announced
			this.transactions.executeWithoutResult((status) -> {
				this.comments.add(bob.id(), task, "never sent");
				status.setRollbackOnly();
			});
			JsonNode comment = bob.post("/api/tasks/" + task + "/comments", body("body", "<i>¿Integral?</i>"))
				.expect(201)
				.json();
			for (BlockingQueue<JsonNode> session : members) {
				List<JsonNode> seen = new ArrayList<>();
				JsonNode added = StompTestClient.awaitFrame(session, (frame) -> {
					seen.add(frame);
					return "comment-added".equals(frame.path("type").asString());
				}, WAIT);
				assertThat(added.get("taskId").asLong()).isEqualTo(task);
				assertThat(added.get("comment")).isEqualTo(comment);
				assertThat(added.at("/actor/id").asLong()).isEqualTo(bob.id());
				assertThat(seen).noneMatch((frame) -> frame.toString().contains("never sent"));
			}
			long id = comment.get("id").asLong();
			bob.patch("/api/comments/" + id, body("body", "¿Integral o blanco?")).expect(200);
			ana.delete("/api/comments/" + id).expect(204);
			for (BlockingQueue<JsonNode> session : members) {
				JsonNode edited = StompTestClient.awaitFrame(session,
						(frame) -> "comment-edited".equals(frame.path("type").asString()), WAIT);
				assertThat(edited.at("/comment/body").asString()).isEqualTo("¿Integral o blanco?");
				JsonNode deleted = StompTestClient.awaitFrame(session,
						(frame) -> "comment-deleted".equals(frame.path("type").asString()), WAIT);
				assertThat(deleted.at("/comment/id").asLong()).isEqualTo(id);
				assertThat(deleted.at("/actor/id").asLong()).isEqualTo(ana.id());
			}
			// Dave's first frame is his own change:
			// nothing of the conversation reached him
			long own = dave.createTask("Dave's own").get("id").asLong();
			JsonNode first = daves.poll(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
			assertThat(first.at("/task/id").asLong()).isEqualTo(own);
		}
	}

	@Test
	void typingReachesTheOtherMembersOnlyAtMostOnceASecond() throws Exception {
		Api.User ana = newUser();
		Api.User bob = newUser();
		Api.User dave = newUser();
		long project = share(ana, "Charla", bob, "EDITOR");
		long task = ana.post("/api/tasks", body("title", "Hablar", "projectId", project))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		try (StompTestClient anaClient = StompTestClient.connect(this.port, ana.authorization());
				StompTestClient bobClient = StompTestClient.connect(this.port, bob.authorization());
				StompTestClient daveClient = StompTestClient.connect(this.port, dave.authorization())) {
			BlockingQueue<JsonNode> anas = anaClient.subscribe(TASKS);
			BlockingQueue<JsonNode> bobs = bobClient.subscribe(TASKS);

			bobClient.send("/app/tasks/" + task + "/typing", "");
			bobClient.send("/app/tasks/" + task + "/typing", "");
			bobClient.send("/app/tasks/" + task + "/typing", "");
			JsonNode typing = StompTestClient.awaitFrame(anas, (f) -> "typing".equals(f.path("type").asString()), WAIT);
			assertThat(typing.get("taskId").asLong()).isEqualTo(task);
			assertThat(typing.at("/user/id").asLong()).isEqualTo(bob.id());
			assertThat(typing.at("/user/displayName").asString()).isNotBlank();
			// the other two came within the same second: not passed on
			JsonNode more = anas.poll(1500, TimeUnit.MILLISECONDS);
			assertThat(more).isNull();
			// after a second, the next one is
			bobClient.send("/app/tasks/" + task + "/typing", "");
			StompTestClient.awaitFrame(anas, (f) -> "typing".equals(f.path("type").asString()), WAIT);
			// never to the one typing
			bob.post("/api/tasks/" + task + "/comments", body("body", "listo")).expect(201);
			List<JsonNode> bobsOwn = new ArrayList<>();
			StompTestClient.awaitFrame(bobs, (frame) -> {
				bobsOwn.add(frame);
				return "comment-added".equals(frame.path("type").asString());
			}, WAIT);
			assertThat(bobsOwn).noneMatch((f) -> "typing".equals(f.path("type").asString()));

			// an outsider's typing is refused and reaches nobody
			daveClient.send("/app/tasks/" + task + "/typing", "");
			assertThat(daveClient.nextErrorFrame(5000)).startsWith("SEND to /app/tasks/" + task + "/typing refused: ");
			ana.post("/api/tasks/" + task + "/comments", body("body", "marker")).expect(201);
			List<JsonNode> after = new ArrayList<>();
			StompTestClient.awaitFrame(anas, (frame) -> {
				after.add(frame);
				return "comment-added".equals(frame.path("type").asString());
			}, WAIT);
			assertThat(after).noneMatch((f) -> "typing".equals(f.path("type").asString()));
		}
	}

}
