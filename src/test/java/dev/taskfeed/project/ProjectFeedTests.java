package dev.taskfeed.project;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.StompTestClient;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.taskfeed.support.Projects.share;
import static dev.taskfeed.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live feed of a shared project: every member's sessions get every change with who
 * made it, nobody else gets anything, and membership changes take effect from the moment
 * they commit.
 */
class ProjectFeedTests extends IntegrationTest {

	private static final String TASKS = "/user/queue/tasks";

	private static final Duration WAIT = Duration.ofSeconds(5);

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Test
	void membersGetEveryChangeWithItsActorAndOthersNothing() throws Exception {
		Api.User ana = newUser();
		Api.User bob = newUser();
		Api.User carol = newUser();
		Api.User dave = newUser();
		long project = share(ana, "Familia", bob, "EDITOR", carol, "VIEWER");
		try (StompTestClient anaClient = StompTestClient.connect(this.port, ana.authorization());
				StompTestClient bobClient = StompTestClient.connect(this.port, bob.authorization());
				StompTestClient carolClient = StompTestClient.connect(this.port, carol.authorization());
				StompTestClient daveClient = StompTestClient.connect(this.port, dave.authorization())) {
			BlockingQueue<JsonNode> anas = anaClient.subscribe(TASKS);
			BlockingQueue<JsonNode> bobs = bobClient.subscribe(TASKS);
			BlockingQueue<JsonNode> carols = carolClient.subscribe(TASKS);
			BlockingQueue<JsonNode> daves = daveClient.subscribe(TASKS);

			JsonNode task = ana.post("/api/tasks", body("title", "Comprar pan", "projectId", project))
				.expect(201)
				.json();
			long id = task.get("id").asLong();
			for (BlockingQueue<JsonNode> member : List.of(anas, bobs, carols)) {
				JsonNode created = next(member, "created", id);
				assertThat(created.get("task")).isEqualTo(task);
				assertThat(created.get("actor").get("id").asLong()).isEqualTo(ana.id());
				assertThat(created.get("actor").get("displayName").asString())
					.isEqualTo(task.at("/createdBy/displayName").asString());
			}
			bob.patch("/api/tasks/" + id, body("status", "DONE")).expect(200);
			for (BlockingQueue<JsonNode> member : List.of(anas, bobs, carols)) {
				JsonNode updated = next(member, "updated", id);
				assertThat(updated.at("/task/status").asString()).isEqualTo("DONE");
				assertThat(updated.get("actor").get("id").asLong()).isEqualTo(bob.id());
			}
			// Dave got nothing of it: his own change is the first thing he sees
			long own = dave.createTask("Dave's own").get("id").asLong();
			assertThat(daves.poll(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).at("/task/id").asLong())
				.isEqualTo(own);
			assertThat(daves).isEmpty();
		}
	}

	@Test
	void aRemovedMemberGetsNothingMoreFromTheMomentTheRemovalCommits() throws Exception {
		Api.User ana = newUser();
		Api.User bob = newUser();
		Api.User carol = newUser();
		long project = share(ana, "Trabajo", bob, "EDITOR", carol, "VIEWER");
		long id = ana.post("/api/tasks", body("title", "Informe", "projectId", project))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		try (StompTestClient bobClient = StompTestClient.connect(this.port, bob.authorization());
				StompTestClient carolClient = StompTestClient.connect(this.port, carol.authorization())) {
			BlockingQueue<JsonNode> bobs = bobClient.subscribe(TASKS);
			BlockingQueue<JsonNode> carols = carolClient.subscribe(TASKS);

			ana.delete("/api/projects/" + project + "/members/" + bob.id()).expect(204);
			// committed right after the removal
			ana.patch("/api/tasks/" + id, body("title", "Informe final")).expect(200);

			JsonNode left = StompTestClient.awaitFrame(bobs,
					(frame) -> "project-left".equals(frame.path("type").asString()), WAIT);
			assertThat(left.at("/project/id").asLong()).isEqualTo(project);
			assertThat(left.at("/project/role").isNull()).isTrue();
			// Carol hears of the removal first, then of the change
			JsonNode updated = StompTestClient.awaitFrame(carols,
					(frame) -> "project-updated".equals(frame.path("type").asString()), WAIT);
			assertThat(updated.at("/project/memberCount").asLong()).isEqualTo(2);
			assertThat(updated.at("/project/role").asString()).isEqualTo("VIEWER");
			assertThat(next(carols, "updated", id).at("/task/title").asString()).isEqualTo("Informe final");

			// Bob's next frame is his own change: nothing of the project came in between
			long own = bob.createTask("Bob's own").get("id").asLong();
			List<JsonNode> seen = new ArrayList<>();
			JsonNode frame = StompTestClient.awaitFrame(bobs, (f) -> {
				seen.add(f);
				return f.at("/task/id").asLong() == own;
			}, WAIT);
			assertThat(frame.get("type").asString()).isEqualTo("created");
			assertThat(seen).noneMatch((f) -> f.at("/task/id").asLong() == id);
		}
	}

	@Test
	void aMoveTellsWhoLostSightAndWhoGainedIt() throws Exception {
		Api.User ana = newUser();
		Api.User bob = newUser();
		Api.User carol = newUser();
		long from = share(ana, "Origen", bob, "EDITOR");
		long to = share(ana, "Destino", carol, "VIEWER");
		long id = ana.post("/api/tasks", body("title", "Viajero", "projectId", from))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		try (StompTestClient anaClient = StompTestClient.connect(this.port, ana.authorization());
				StompTestClient bobClient = StompTestClient.connect(this.port, bob.authorization());
				StompTestClient carolClient = StompTestClient.connect(this.port, carol.authorization())) {
			BlockingQueue<JsonNode> anas = anaClient.subscribe(TASKS);
			BlockingQueue<JsonNode> bobs = bobClient.subscribe(TASKS);
			BlockingQueue<JsonNode> carols = carolClient.subscribe(TASKS);

			ana.patch("/api/tasks/" + id, body("projectId", to)).expect(200);

			assertThat(next(anas, "updated", id).at("/task/project/id").asLong()).isEqualTo(to);
			JsonNode removed = StompTestClient.awaitFrame(bobs, (f) -> "removed".equals(f.path("type").asString()),
					WAIT);
			assertThat(removed.get("taskId").asLong()).isEqualTo(id);
			assertThat(removed.has("task")).isFalse();
			assertThat(removed.at("/actor/id").asLong()).isEqualTo(ana.id());
			assertThat(next(carols, "created", id).at("/task/title").asString()).isEqualTo("Viajero");
		}
	}

	@Test
	void membershipChangesReachTheMembersConcerned() throws Exception {
		Api.User ana = newUser();
		Api.User bob = newUser();
		long project = share(ana, "Club");
		try (StompTestClient anaClient = StompTestClient.connect(this.port, ana.authorization());
				StompTestClient bobClient = StompTestClient.connect(this.port, bob.authorization())) {
			BlockingQueue<JsonNode> anas = anaClient.subscribe(TASKS);
			BlockingQueue<JsonNode> bobs = bobClient.subscribe(TASKS);

			ana.post("/api/projects/" + project + "/members", body("email", bob.email(), "role", "EDITOR")).expect(201);
			JsonNode joined = StompTestClient.awaitFrame(bobs,
					(f) -> "project-joined".equals(f.path("type").asString()), WAIT);
			assertThat(joined.at("/project/id").asLong()).isEqualTo(project);
			assertThat(joined.at("/project/role").asString()).isEqualTo("EDITOR");
			assertThat(joined.at("/project/name").asString()).isEqualTo("Club");

			ana.patch("/api/projects/" + project, body("name", "Club de lectura")).expect(200);
			for (BlockingQueue<JsonNode> member : List.of(anas, bobs)) {
				JsonNode updated = StompTestClient.awaitFrame(member,
						(f) -> "project-updated".equals(f.path("type").asString())
								&& f.at("/project/name").asString().equals("Club de lectura"),
						WAIT);
				assertThat(updated.at("/project/memberCount").asLong()).isEqualTo(2);
			}
		}
	}

	@Test
	void theAudienceIsReadOncePerCommitWhateverTheNumberOfMembers() throws Exception {
		Api.User ana = newUser();
		List<Object> few = new ArrayList<>();
		List<Object> many = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			few.add(newUser());
			few.add("VIEWER");
		}
		for (int i = 0; i < 20; i++) {
			many.add(newUser());
			many.add("VIEWER");
		}
		long small = share(ana, "Small", few.toArray());
		long large = share(ana, "Large", many.toArray());
		try (StompTestClient anaClient = StompTestClient.connect(this.port, ana.authorization())) {
			BlockingQueue<JsonNode> anas = anaClient.subscribe(TASKS);
			BlockingQueue<JsonNode> presence = anaClient.subscribe("/user/queue/presence");
			// a connect makes the project presence read the database a moment later;
			// once Ana's first session hears of her second in both projects, that
			// read is done and is not counted below
			try (StompTestClient anasSecond = StompTestClient.connect(this.port, ana.authorization())) {
				java.util.Set<Long> unheard = new java.util.HashSet<>(List.of(small, large));
				StompTestClient.awaitFrame(presence, (frame) -> {
					if (frame.at("/online/0/sessions").asInt() == 2) {
						unheard.remove(frame.get("projectId").asLong());
					}
					return unheard.isEmpty();
				}, WAIT);
				long warm = ana.post("/api/tasks", body("title", "warm", "projectId", small))
					.expect(201)
					.json()
					.get("id")
					.asLong();
				next(anas, "created", warm);

				// statistics count every thread's statements (credential checks, token
				// use): the fewest of a few tries is the create's own
				long inSmall = Long.MAX_VALUE;
				long inLarge = Long.MAX_VALUE;
				for (int i = 0; i < 3; i++) {
					inSmall = Math.min(inSmall, statementsToCreateIn(ana, small, anas));
					inLarge = Math.min(inLarge, statementsToCreateIn(ana, large, anas));
				}
				assertThat(inLarge).isEqualTo(inSmall);
			}
		}
	}

	private long statementsToCreateIn(Api.User user, long project, BlockingQueue<JsonNode> frames)
			throws InterruptedException {
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		statistics.clear();
		long id = user.post("/api/tasks", body("title", "counted", "projectId", project))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		// the frame went out after the commit: the audience has been read by now
		next(frames, "created", id);
		return statistics.getPrepareStatementCount();
	}

	private static JsonNode next(BlockingQueue<JsonNode> frames, String type, long taskId) throws InterruptedException {
		return StompTestClient.awaitFrame(frames,
				(frame) -> type.equals(frame.path("type").asString()) && frame.at("/task/id").asLong() == taskId, WAIT);
	}

}
