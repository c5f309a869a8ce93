package dev.taskfeed.web;

import java.net.http.HttpResponse;
import java.util.UUID;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import dev.taskfeed.support.PageSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.taskfeed.support.PageSession.location;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page form without JavaScript: POST, redirect, GET with a flash message; errors
 * beside their field with nothing saved; CSRF required; HTML error pages; both languages.
 */
class PageFormTests extends IntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void registeringSignsTheNewUserIn() {
		PageSession page = new PageSession(this.port, "en");
		String email = "form-" + UUID.randomUUID() + "@example.com";
		page.get("/register");
		HttpResponse<String> registered = page.post("/register", "displayName", "Marta", "email", email, "password",
				"long enough password");
		assertThat(registered.statusCode()).isEqualTo(302);
		assertThat(location(registered)).isEqualTo("/tasks");
		HttpResponse<String> tasks = page.get("/tasks");
		assertThat(tasks.statusCode()).isEqualTo(200);
		assertThat(tasks.body()).contains("Welcome to TaskFeed, Marta!").contains("Your tasks");
		// the same address again is refused beside the email field
		PageSession again = new PageSession(this.port, "en");
		again.get("/register");
		HttpResponse<String> taken = again.post("/register", "displayName", "Marta", "email", email.toUpperCase(),
				"password", "long enough password");
		assertThat(taken.statusCode()).isEqualTo(400);
		assertThat(taken.body()).contains("id=\"email-error\"").contains("already exists");
	}

	@Test
	void aPasswordWithAControlCharacterIsShownBesideTheFieldAndNoAccountIsMade() {
		for (String password : new String[] { "pass\u0001word1", "pass\tword1", "password\r\n1" }) {
			PageSession page = new PageSession(this.port, "en");
			String email = "form-" + UUID.randomUUID() + "@example.com";
			page.get("/register");
			HttpResponse<String> refused = page.post("/register", "displayName", "Marta", "email", email, "password",
					password);
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(refused.body()).contains("id=\"password-error\"").contains("control characters");
			assertThat(this.jdbc.queryForObject("select count(*) from users where email = ?", Integer.class, email))
				.isZero();
		}
	}

	@Test
	void tasksAreCreatedEditedTrashedAndRestoredThroughForms() {
		Api.User user = newUser();
		long work = user.createCategory("Work");
		PageSession page = new PageSession(this.port, "en").signIn(user.email(), user.password());
		page.get("/tasks");

		HttpResponse<String> created = page.post("/tasks", "title", "Write <report>", "description", "", "status",
				"IN_PROGRESS", "dueDate", "2026-12-01", "categoryIds", String.valueOf(work));
		assertThat(created.statusCode()).isEqualTo(302);
		assertThat(location(created)).isEqualTo("/tasks");
		HttpResponse<String> list = page.get("/tasks");
		assertThat(list.body()).contains("Task “Write &lt;report&gt;” added.").doesNotContain("<report>");
		JsonNode task = user.get("/api/tasks").expect(200).json().get("content").get(0);
		assertThat(task.get("title").asString()).isEqualTo("Write <report>");
		assertThat(task.get("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(task.get("description").isNull()).isTrue();
		assertThat(task.get("categories").get(0).get("name").asString()).isEqualTo("Work");
		long id = task.get("id").asLong();

		HttpResponse<String> detail = page.get("/tasks/" + id);
		assertThat(detail.body()).contains(user.email()).contains("Work").contains("2026-12-01");

		// an edit form that is out of date is refused, and nothing changes
		page.get("/tasks/" + id + "/edit");
		user.patch("/api/tasks/" + id, Api.body("status", "DONE")).expect(200);
		HttpResponse<String> stale = page.post("/tasks/" + id + "/edit", "title", "Renamed", "status", "TODO",
				"version", String.valueOf(task.get("version").asLong()));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("changed somewhere else");
		assertThat(user.get("/api/tasks/" + id).json().get("title").asString()).isEqualTo("Write <report>");
		// saving again from the refreshed form goes through;
		// no category ticked clears them
		String version = user.get("/api/tasks/" + id).json().get("version").asString();
		HttpResponse<String> saved = page.post("/tasks/" + id + "/edit", "title", "Renamed", "status", "TODO",
				"version", version);
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(location(saved)).isEqualTo("/tasks/" + id);
		JsonNode renamed = user.get("/api/tasks/" + id).json();
		assertThat(renamed.get("title").asString()).isEqualTo("Renamed");
		assertThat(renamed.get("categories")).isEmpty();

		page.get("/tasks/" + id);
		HttpResponse<String> deleted = page.post("/tasks/" + id + "/delete");
		assertThat(location(deleted)).isEqualTo("/tasks");
		assertThat(page.get("/tasks").body()).contains("“Renamed” moved to the trash.");
		user.get("/api/tasks/" + id).expect(404);
		assertThat(page.get("/trash").body()).contains("Renamed");
		HttpResponse<String> restored = page.post("/trash/" + id + "/restore");
		assertThat(location(restored)).isEqualTo("/trash");
		assertThat(page.get("/trash").body()).contains("“Renamed” is back in your tasks.");
		user.get("/api/tasks/" + id).expect(200);
	}

	@Test
	void invalidFormsShowTheErrorBesideTheFieldAndSaveNothing() {
		Api.User user = newUser();
		PageSession page = new PageSession(this.port, "es-ES,es;q=0.9").signIn(user.email(), user.password());
		page.get("/tasks");
		HttpResponse<String> blank = page.post("/tasks", "title", "  ", "status", "TODO", "dueDate", "not-a-date");
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("id=\"title-error\"")
			.contains("Rellena este campo.")
			.contains("id=\"dueDate-error\"")
			.contains("Escribe una fecha como 2026-12-31.");
		Api.User stranger = newUser();
		long foreign = stranger.createCategory("Not yours");
		HttpResponse<String> foreignCategory = page.post("/tasks", "title", "Sneaky", "status", "TODO", "categoryIds",
				String.valueOf(foreign));
		assertThat(foreignCategory.statusCode()).isEqualTo(400);
		assertThat(foreignCategory.body()).contains("Una de estas categorías ya no existe.");
		assertThat(user.get("/api/tasks").json().get("page").get("totalElements").asInt()).isZero();

		page.get("/categories");
		assertThat(location(page.post("/categories", "name", "Casa", "color", "#22c55e"))).isEqualTo("/categories");
		HttpResponse<String> duplicate = page.post("/categories", "name", "casa", "color", "#22c55e");
		assertThat(duplicate.statusCode()).isEqualTo(400);
		assertThat(duplicate.body()).contains("id=\"name-error\"").contains("Ya tienes una categoría con este nombre.");
		HttpResponse<String> badColour = page.post("/categories", "name", "Otra", "color", "red");
		assertThat(badColour.body()).contains("id=\"color-error\"").contains("Elige un color como #1e90ff.");
		assertThat(user.get("/api/categories").json()).hasSize(1);
	}

	@Test
	void aDueDateOutsideTheYears1To9999IsShownBesideTheFieldAndSavesNothing() {
		Api.User user = newUser();
		JsonNode kept = user.post("/api/tasks", Api.body("title", "Kept", "dueDate", "2026-12-01")).expect(201).json();
		long id = kept.get("id").asLong();
		PageSession page = new PageSession(this.port, "en").signIn(user.email(), user.password());
		page.get("/tasks");
		for (String date : new String[] { "-999999999-01-01", "+999999999-12-31", "+10000-01-01", "0000-01-01" }) {
			HttpResponse<String> created = page.post("/tasks", "title", "Out of range", "status", "TODO", "dueDate",
					date);
			assertThat(created.statusCode()).as(date).isEqualTo(400);
			assertThat(created.body()).as(date)
				.contains("id=\"dueDate-error\"")
				.contains("Please enter a date from the year 1 to 9999.")
				.doesNotContain("Exception");
			page.get("/tasks/" + id + "/edit");
			HttpResponse<String> edited = page.post("/tasks/" + id + "/edit", "title", "Kept", "status", "TODO",
					"dueDate", date, "version", "0");
			assertThat(edited.statusCode()).as(date).isEqualTo(400);
			assertThat(edited.body()).as(date).contains("Please enter a date from the year 1 to 9999.");
		}
		assertThat(user.get("/api/tasks").json().get("content").findValuesAsString("title")).containsExactly("Kept");
		JsonNode read = user.get("/api/tasks/" + id).json();
		assertThat(read.get("dueDate").asString()).isEqualTo("2026-12-01");
		assertThat(read.get("version").asLong()).isZero();
		// the form says so before sending, where a browser reads min and max
		assertThat(page.get("/tasks").body()).contains("min=\"0001-01-01\" max=\"9999-12-31\"");
		// the page's own filters take no due dates: one sent is ignored, never a 500
		assertThat(page.get("/tasks?dueBefore=-999999999-01-01&sort=,").statusCode()).isEqualTo(200);
	}

	@Test
	void categoriesAreRenamedRecolouredAndDeleted() {
		Api.User user = newUser();
		long id = user.createCategory("Home");
		long taskId = user.createTask("Paint the fence", id).get("id").asLong();
		PageSession page = new PageSession(this.port, "en").signIn(user.email(), user.password());
		assertThat(page.get("/categories/" + id + "/edit").body()).contains("value=\"Home\"");
		HttpResponse<String> saved = page.post("/categories/" + id + "/edit", "name", "House", "color", "#0ea5e9");
		assertThat(location(saved)).isEqualTo("/categories");
		JsonNode category = user.get("/api/categories/" + id).json();
		assertThat(category.get("name").asString()).isEqualTo("House");
		assertThat(category.get("color").asString()).isEqualTo("#0ea5e9");
		page.get("/categories");
		assertThat(location(page.post("/categories/" + id + "/delete"))).isEqualTo("/categories");
		assertThat(page.get("/categories").body()).contains("Category “House” deleted.");
		user.get("/api/categories/" + id).expect(404);
		assertThat(user.get("/api/tasks/" + taskId).json().get("categories")).isEmpty();
	}

	@Test
	void anotherUsersTaskOrCategoryIsANotFoundPage() {
		Api.User owner = newUser();
		long taskId = owner.createTask("Private").get("id").asLong();
		long categoryId = owner.createCategory("Private");
		Api.User stranger = newUser();
		PageSession page = new PageSession(this.port, "en").signIn(stranger.email(), stranger.password());
		for (String path : new String[] { "/tasks/" + taskId, "/tasks/" + taskId + "/edit",
				"/categories/" + categoryId + "/edit", "/tasks/987654321", "/no-such-page" }) {
			HttpResponse<String> response = page.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
			assertThat(response.body()).as(path).contains("<h1>Not found</h1>").doesNotContain("Private");
		}
		page.get("/tasks");
		assertThat(page.post("/tasks/" + taskId + "/delete").statusCode()).isEqualTo(404);
		assertThat(page.post("/categories/" + categoryId + "/delete").statusCode()).isEqualTo(404);
		owner.get("/api/tasks/" + taskId).expect(200);
		owner.get("/api/categories/" + categoryId).expect(200);
	}

	@Test
	void otherErrorsGetAnHtmlPageWithoutInternals() {
		Api.User user = newUser();
		PageSession page = new PageSession(this.port, "en").signIn(user.email(), user.password());
		// a malformed address: the generic page
		HttpResponse<String> malformed = page.get("/tasks/not-a-number");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(malformed.body()).contains("<h1>That did not work</h1>").doesNotContain("Exception");
		// the error page itself is not an address:
		// asked for directly, it is not there (never a 500)
		HttpResponse<String> direct = new PageSession(this.port, "es").get("/error");
		assertThat(direct.statusCode()).isEqualTo(404);
		assertThat(direct.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(direct.body()).doesNotContain("Exception").doesNotContain("trace");
	}

	@Test
	void aSessionThisVersionCannotReadAsksToSignInAgain() {
		Api.User user = newUser();
		PageSession page = new PageSession(this.port, "en").signIn(user.email(), user.password());
		assertThat(page.get("/tasks").statusCode()).isEqualTo(200);
		// as if an older TaskFeed had written the
		// stored sign-in in a form this one cannot read
		int changed = this.jdbc.update("""
				update http_session_attributes set attribute_bytes = '\\xaced0005deadbeef'::bytea
				where attribute_name = 'SPRING_SECURITY_CONTEXT'
				  and session_primary_id in (select primary_id from http_session where principal_name = ?)""",
				user.email());
		assertThat(changed).isEqualTo(1);
		HttpResponse<String> next = page.get("/tasks");
		assertThat(next.statusCode()).isEqualTo(302);
		assertThat(location(next)).isEqualTo("/login");
		page.signIn(user.email(), user.password());
		assertThat(page.get("/tasks").statusCode()).isEqualTo(200);
	}

	@Test
	void formsWithoutTheCsrfTokenAreRefusedWithAnErrorPage() {
		Api.User user = newUser();
		PageSession page = new PageSession(this.port, "en").signIn(user.email(), user.password());
		HttpResponse<String> forged = page.postWithout("/tasks", "title", "Forged", "status", "TODO");
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("<h1>Not allowed</h1>");
		assertThat(user.get("/api/tasks").json().get("page").get("totalElements").asInt()).isZero();
	}

	@Test
	void pagesFollowAcceptLanguageAndTheSwitcher() {
		assertThat(new PageSession(this.port, "es-MX,es;q=0.9,en;q=0.5").get("/login").body()).contains("lang=\"es\"")
			.contains("Inicia sesión en TaskFeed");
		assertThat(new PageSession(this.port, "fr-FR,fr;q=0.9").get("/login").body()).contains("lang=\"en\"")
			.contains("Sign in to TaskFeed");
		PageSession switched = new PageSession(this.port, "en");
		assertThat(switched.get("/login?lang=es").body()).contains("Inicia sesión en TaskFeed");
		assertThat(switched.get("/register").body()).contains("Crea tu cuenta");
	}

	@Test
	void signedOutVisitorsAreSentToTheLoginPage() {
		HttpResponse<String> response = new PageSession(this.port, "en").get("/tasks");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(location(response)).isEqualTo("/login");
		HttpResponse<String> failed = new PageSession(this.port, "en").get("/login?error");
		assertThat(failed.body()).contains("do not match an account");
	}

}
