package dev.taskfeed.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.PageSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.taskfeed.support.PageSession.location;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project pages and the task pages' projects, without JavaScript: create a project,
 * manage its members, leave it; a refusal a member can act on is a message on the page; a
 * viewer sees no edit controls and a forged change is the 403 page; tasks, trash and
 * categories follow the chosen project.
 */
class ProjectPageTests extends IntegrationTest {

	@Test
	void aProjectCreatedOnTheProjectsPageHasItsCreatorAsOwner() {
		Api.User ana = newUser();
		PageSession page = new PageSession(this.port, "en").signIn(ana.email(), ana.password());
		assertThat(page.get("/projects").body()).contains("Your projects").contains("Personal").contains("Owner");

		HttpResponse<String> blank = page.post("/projects", "name", "  ");
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("id=\"name-error\"").contains("Please fill this in.");

		HttpResponse<String> created = page.post("/projects", "name", "Casa <3");
		assertThat(created.statusCode()).isEqualTo(302);
		JsonNode project = projectNamed(ana, "Casa <3");
		assertThat(project.get("role").asString()).isEqualTo("OWNER");
		assertThat(location(created)).isEqualTo("/projects/" + project.get("id").asLong());
		String members = page.get(location(created)).body();
		assertThat(members).contains("Project “Casa &lt;3” created.")
			.contains("id=\"add-member-form\"")
			.contains(ana.email());

		PageSession spanish = new PageSession(this.port, "es").signIn(ana.email(), ana.password());
		assertThat(spanish.get("/projects").body()).contains("Tus proyectos")
			.contains("Casa &lt;3")
			.contains("Propietario")
			.contains("1 miembro");
	}

	@Test
	void ownersAddMembersChangeTheirRolesAndRemoveThem() {
		Api.User ana = newUser();
		Api.User bob = newUser();
		long casa = createProject(ana, "Casa");
		PageSession page = new PageSession(this.port, "en").signIn(ana.email(), ana.password());
		page.get("/projects/" + casa);

		HttpResponse<String> added = page.post("/projects/" + casa + "/members", "email", bob.email(), "role",
				"EDITOR");
		assertThat(location(added)).isEqualTo("/projects/" + casa);
		assertThat(page.get("/projects/" + casa).body()).contains(displayName(bob) + " was added to the project.");
		assertThat(roleOf(ana, casa, bob)).isEqualTo("EDITOR");

		HttpResponse<String> unknown = page.post("/projects/" + casa + "/members", "email", "nobody@example.com",
				"role", "VIEWER");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("id=\"email-error\"")
			.contains("No TaskFeed account has this email address.");
		HttpResponse<String> again = page.post("/projects/" + casa + "/members", "email", bob.email(), "role",
				"VIEWER");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("This person is already a member.");
		assertThat(roleOf(ana, casa, bob)).isEqualTo("EDITOR");

		HttpResponse<String> changed = page.post("/projects/" + casa + "/members/" + bob.id() + "/role", "role",
				"VIEWER");
		assertThat(location(changed)).isEqualTo("/projects/" + casa);
		assertThat(page.get("/projects/" + casa).body()).contains(displayName(bob) + " is now a viewer.");
		assertThat(roleOf(ana, casa, bob)).isEqualTo("VIEWER");

		// the other members see the members, without the forms that change them
		PageSession bobsPage = new PageSession(this.port, "en").signIn(bob.email(), bob.password());
		String readOnly = bobsPage.get("/projects/" + casa).body();
		assertThat(readOnly).contains(ana.email())
			.contains("Only the project’s owners add and remove members.")
			.doesNotContain("id=\"add-member-form\"")
			.doesNotContain("/members/" + ana.id() + "/role")
			.contains("id=\"leave-form\"");
		// a forged add is refused on the page, and changes nothing
		HttpResponse<String> forged = bobsPage.post("/projects/" + casa + "/members", "email", bob.email(), "role",
				"OWNER");
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("Only the project’s owners can do this.");
		assertThat(roleOf(ana, casa, bob)).isEqualTo("VIEWER");

		HttpResponse<String> removed = page.post("/projects/" + casa + "/members/" + bob.id() + "/remove");
		assertThat(location(removed)).isEqualTo("/projects/" + casa);
		assertThat(page.get("/projects/" + casa).body()).contains(displayName(bob) + " was removed from the project.");
		bob.get("/api/projects/" + casa).expect(404);
		assertThat(bobsPage.get("/projects/" + casa).statusCode()).isEqualTo(404);
	}

	@Test
	void membersLeaveAProjectButItsLastOwnerCannot() {
		Api.User ana = newUser();
		Api.User bob = newUser();
		long casa = createProject(ana, "Casa");
		addMember(ana, casa, bob, "EDITOR");

		PageSession bobsPage = new PageSession(this.port, "es").signIn(bob.email(), bob.password());
		bobsPage.get("/projects/" + casa);
		HttpResponse<String> left = bobsPage.post("/projects/" + casa + "/leave");
		assertThat(location(left)).isEqualTo("/projects");
		assertThat(bobsPage.get("/projects").body()).contains("Has salido de «Casa».")
			.doesNotContain("/projects/" + casa);
		bob.get("/api/projects/" + casa).expect(404);

		PageSession page = new PageSession(this.port, "en").signIn(ana.email(), ana.password());
		page.get("/projects/" + casa);
		HttpResponse<String> lastOwner = page.post("/projects/" + casa + "/leave");
		assertThat(lastOwner.statusCode()).isEqualTo(409);
		assertThat(lastOwner.body()).contains("id=\"refusal\"")
			.contains("A project keeps at least one owner: make someone else an owner first.");
		HttpResponse<String> demoted = page.post("/projects/" + casa + "/members/" + ana.id() + "/role", "role",
				"EDITOR");
		assertThat(demoted.statusCode()).isEqualTo(409);
		assertThat(roleOf(ana, casa, ana)).isEqualTo("OWNER");

		// the personal project offers no leaving, and refuses it
		long personal = personalProject(ana);
		assertThat(page.get("/projects/" + personal).body()).contains("only you see its tasks")
			.doesNotContain("id=\"leave-form\"");
		HttpResponse<String> leavePersonal = page.post("/projects/" + personal + "/leave");
		assertThat(leavePersonal.statusCode()).isEqualTo(409);
		assertThat(leavePersonal.body()).contains("A personal project stays private");
	}

	@Test
	void viewersSeeTheTasksWithoutEditControlsAndAForgedChangeIsRefused() {
		Api.User ana = newUser();
		Api.User carol = newUser();
		long casa = createProject(ana, "Casa");
		addMember(ana, casa, carol, "VIEWER");
		long task = ana.post("/api/tasks", Api.body("title", "Comprar pan", "projectId", casa))
			.expect(201)
			.json()
			.get("id")
			.asLong();

		PageSession page = new PageSession(this.port, "en").signIn(carol.email(), carol.password());
		String list = page.get("/tasks?project=" + casa).body();
		assertThat(list).contains("Comprar pan")
			.contains("You are a viewer in this project")
			.doesNotContain("id=\"new-task-form\"")
			.doesNotContain("/tasks/" + task + "/edit");
		String detail = page.get("/tasks/" + task).body();
		assertThat(detail).contains("Comprar pan")
			.contains("Casa")
			.doesNotContain("/tasks/" + task + "/edit")
			.doesNotContain("/tasks/" + task + "/delete");
		assertThat(page.get("/tasks/" + task + "/edit").statusCode()).isEqualTo(403);

		HttpResponse<String> edit = page.post("/tasks/" + task + "/edit", "title", "Comprar leche", "status", "DONE",
				"projectId", String.valueOf(casa), "fieldsProjectId", String.valueOf(casa));
		assertThat(edit.statusCode()).isEqualTo(403);
		assertThat(edit.body()).contains("<h1>Not allowed</h1>");
		assertThat(page.post("/tasks/" + task + "/delete").statusCode()).isEqualTo(403);
		JsonNode unchanged = ana.get("/api/tasks/" + task).expect(200).json();
		assertThat(unchanged.get("title").asString()).isEqualTo("Comprar pan");
		assertThat(unchanged.get("status").asString()).isEqualTo("TODO");

		String categories = page.get("/categories?project=" + casa).body();
		assertThat(categories).contains("its categories are read-only for you")
			.doesNotContain("action=\"/categories?project=" + casa + "\"");
		assertThat(page.post("/categories?project=" + casa, "name", "Mine", "color", "#22c55e").statusCode())
			.isEqualTo(403);
	}

	@Test
	void tasksAreCreatedAssignedAndMovedBetweenProjectsThroughForms() {
		Api.User ana = newUser();
		Api.User bob = newUser();
		long casa = createProject(ana, "Casa");
		addMember(ana, casa, bob, "EDITOR");
		long personal = personalProject(ana);
		ana.createTask("Only mine");
		PageSession page = new PageSession(this.port, "en").signIn(ana.email(), ana.password());

		// the chosen project's list offers that project, and its members as assignees
		String form = page.get("/tasks?project=" + casa).body();
		assertThat(form).contains("<option value=\"" + casa + "\" selected=\"selected\">Casa</option>")
			.contains("<option value=\"" + bob.id() + "\">" + displayName(bob) + "</option>")
			.doesNotContain("Only mine");
		HttpResponse<String> created = page.post("/tasks?project=" + casa, "title", "Comprar pan", "status", "TODO",
				"projectId", String.valueOf(casa), "fieldsProjectId", String.valueOf(casa), "assigneeId",
				String.valueOf(bob.id()));
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(created.headers().firstValue("Location").orElseThrow()).endsWith("/tasks?project=" + casa);
		assertThat(page.get("/tasks?project=" + casa).body()).contains("Task “Comprar pan” added.")
			.contains("Assigned to " + displayName(bob));
		JsonNode task = ana.get("/api/tasks?q=pan").json().get("content").get(0);
		assertThat(task.get("project").get("id").asLong()).isEqualTo(casa);
		assertThat(task.get("assignee").get("id").asLong()).isEqualTo(bob.id());
		long id = task.get("id").asLong();
		assertThat(page.get("/tasks").body()).contains("Comprar pan").contains("Only mine");

		// moving it where Bob is not a member:
		// the form comes back with that project's people
		page.get("/tasks/" + id + "/edit");
		HttpResponse<String> moved = page.post("/tasks/" + id + "/edit", "title", "Comprar pan", "status", "TODO",
				"projectId", String.valueOf(personal), "fieldsProjectId", String.valueOf(casa), "assigneeId",
				String.valueOf(bob.id()), "version", task.get("version").asString());
		assertThat(moved.statusCode()).isEqualTo(400);
		assertThat(moved.body()).contains("You chose another project")
			.contains("name=\"fieldsProjectId\" value=\"" + personal + "\"")
			.doesNotContain("<option value=\"" + bob.id() + "\"");
		assertThat(ana.get("/api/tasks/" + id).json().get("project").get("id").asLong()).isEqualTo(casa);
		HttpResponse<String> saved = page.post("/tasks/" + id + "/edit", "title", "Comprar pan", "status", "TODO",
				"projectId", String.valueOf(personal), "fieldsProjectId", String.valueOf(personal), "assigneeId",
				String.valueOf(ana.id()), "version", task.get("version").asString());
		assertThat(location(saved)).isEqualTo("/tasks/" + id);
		JsonNode after = ana.get("/api/tasks/" + id).json();
		assertThat(after.get("project").get("id").asLong()).isEqualTo(personal);
		assertThat(after.get("assignee").get("id").asLong()).isEqualTo(ana.id());
		assertThat(page.get("/tasks/" + id).body()).contains("Personal").contains(displayName(ana));

		// the trash and the categories follow the chosen project
		long trashed = ana.post("/api/tasks", Api.body("title", "Old errand", "projectId", casa))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		ana.delete("/api/tasks/" + trashed).expect(204);
		assertThat(page.get("/trash?project=" + casa).body()).contains("Old errand");
		assertThat(page.get("/trash?project=" + personal).body()).doesNotContain("Old errand");
		HttpResponse<String> restored = page.post("/trash/" + trashed + "/restore?project=" + casa);
		assertThat(restored.headers().firstValue("Location").orElseThrow()).endsWith("/trash?project=" + casa);
		page.get("/categories?project=" + casa);
		HttpResponse<String> category = page.post("/categories?project=" + casa, "name", "Compras", "color", "#22c55e");
		assertThat(category.headers().firstValue("Location").orElseThrow()).endsWith("/categories?project=" + casa);
		assertThat(ana.get("/api/categories?projectId=" + casa).json()).extracting((c) -> c.get("name").asString())
			.containsExactly("Compras");
		assertThat(ana.get("/api/categories").json()).isEmpty();
		// on all her tasks, the category filter offers every project's, under its name
		ana.createCategory("Garden");
		assertThat(page.get("/tasks").body()).contains("<optgroup label=\"Personal\">")
			.contains("<optgroup label=\"Casa\">")
			.contains(">Compras</option>");

		// someone else's project is not there
		PageSession stranger = new PageSession(this.port, "en");
		Api.User other = newUser();
		stranger.signIn(other.email(), other.password());
		for (String path : List.of("/tasks?project=" + casa, "/trash?project=" + casa, "/categories?project=" + casa,
				"/projects/" + casa)) {
			assertThat(stranger.get(path).statusCode()).as(path).isEqualTo(404);
		}
	}

	private static long createProject(Api.User owner, String name) {
		return owner.post("/api/projects", Map.of("name", name)).expect(201).json().get("id").asLong();
	}

	private static void addMember(Api.User owner, long project, Api.User member, String role) {
		owner.post("/api/projects/" + project + "/members", Map.of("email", member.email(), "role", role)).expect(201);
	}

	private static long personalProject(Api.User user) {
		for (JsonNode project : user.get("/api/projects").json()) {
			if (project.get("personal").asBoolean()) {
				return project.get("id").asLong();
			}
		}
		throw new AssertionError("no personal project");
	}

	private static JsonNode projectNamed(Api.User user, String name) {
		for (JsonNode project : user.get("/api/projects").json()) {
			if (project.get("name").asString().equals(name)) {
				return project;
			}
		}
		throw new AssertionError("no project " + name);
	}

	private static String roleOf(Api.User asker, long project, Api.User member) {
		for (JsonNode m : asker.get("/api/projects/" + project + "/members").expect(200).json()) {
			if (m.get("user").get("id").asLong() == member.id()) {
				return m.get("role").asString();
			}
		}
		return null;
	}

	private static String displayName(Api.User user) {
		return user.get("/api/users/me").json().get("displayName").asString();
	}

}
