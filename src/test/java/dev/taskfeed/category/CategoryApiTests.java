package dev.taskfeed.category;

import java.util.Map;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class CategoryApiTests extends IntegrationTest {

	@Test
	void createReadRenameRecolourAndList() {
		Api.User user = newUser();
		Api.Response created = user.post("/api/categories", Map.of("name", "Trabajo", "color", "#1E90FF")).expect(201);
		JsonNode category = created.json();
		long id = category.get("id").asLong();
		assertThat(created.header("Location")).isEqualTo("/api/categories/" + id);
		assertThat(category.get("color").asString()).isEqualTo("#1e90ff");

		JsonNode plain = user.post("/api/categories", Map.of("name", "casa")).expect(201).json();
		assertThat(plain.get("color").asString()).isEqualTo(CategoryService.DEFAULT_COLOR);

		JsonNode renamed = user.patch("/api/categories/" + id, Map.of("name", "Oficina")).expect(200).json();
		assertThat(renamed.get("name").asString()).isEqualTo("Oficina");
		assertThat(renamed.get("color").asString()).isEqualTo("#1e90ff");
		JsonNode recoloured = user.patch("/api/categories/" + id, Map.of("color", "#00aa00")).expect(200).json();
		assertThat(recoloured.get("name").asString()).isEqualTo("Oficina");
		assertThat(recoloured.get("color").asString()).isEqualTo("#00aa00");

		assertThat(user.get("/api/categories/" + id).expect(200).json().get("name").asString()).isEqualTo("Oficina");
		assertThat(user.get("/api/categories").expect(200).json().findValuesAsString("name")).containsExactly("casa",
				"Oficina");
	}

	@Test
	void namesAreUniquePerUserIgnoringCase() {
		Api.User user = newUser();
		user.createCategory("Compras");
		user.post("/api/categories", Map.of("name", "COMPRAS")).problem(409);
		long other = user.createCategory("Otros");
		user.patch("/api/categories/" + other, Map.of("name", "compras")).problem(409);
		// another user may use the same name
		newUser().createCategory("Compras");
	}

	@Test
	void invalidColourAndNameAreNamed() {
		Api.User user = newUser();
		JsonNode problem = user.post("/api/categories", Map.of("name", "x".repeat(51), "color", "blue")).problem(400);
		assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("color", "name");
		long id = user.createCategory("Ok");
		user.patch("/api/categories/" + id, Map.of("name", "  ")).problem(400);
	}

	@Test
	void aNullForAFieldThatCannotBeNullIsA400NamingItOnEveryPatch() {
		Api.User user = newUser();
		long id = user.post("/api/categories", Map.of("name", "Kept", "color", "#1e90ff"))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		for (String field : new String[] { "name", "color" }) {
			JsonNode problem = user.patch("/api/categories/" + id, Api.body(field, null)).problem(400);
			assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
			assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("must not be null");
		}
		JsonNode kept = user.get("/api/categories/" + id).json();
		assertThat(kept.get("name").asString()).isEqualTo("Kept");
		assertThat(kept.get("color").asString()).isEqualTo("#1e90ff");
		assertThat(kept.get("updatedAt").asString()).isEqualTo(kept.get("createdAt").asString());

		// the same on the other PATCH endpoints
		JsonNode task = user.createTask("Kept");
		String taskPath = "/api/tasks/" + task.get("id").asLong();
		for (String field : new String[] { "title", "status", "categoryIds", "projectId" }) {
			assertThat(user.patch(taskPath, Api.body(field, null)).invalidField()).isEqualTo(field);
		}
		long project = user.post("/api/projects", Map.of("name", "Casa")).expect(201).json().get("id").asLong();
		assertThat(user.patch("/api/projects/" + project, Api.body("name", null)).invalidField()).isEqualTo("name");
		assertThat(
				user.patch("/api/projects/" + project + "/members/" + user.id(), Api.body("role", null)).invalidField())
			.isEqualTo("role");
		long comment = user.createComment(task.get("id").asLong(), "Kept");
		assertThat(user.patch("/api/comments/" + comment, Api.body("body", null)).invalidField()).isEqualTo("body");
		assertThat(user.get(taskPath).json().get("version").asLong()).isZero();
		assertThat(user.get("/api/projects/" + project).json().get("name").asString()).isEqualTo("Casa");
	}

	@Test
	void namesCountCharactersAndTheMessageStatesTheRealBounds() {
		Api.User user = newUser();
		String emoji = "\uD83D\uDE00";
		long id = user.post("/api/categories", Map.of("name", emoji.repeat(50))).expect(201).json().get("id").asLong();
		for (Api.Response tooLong : new Api.Response[] { user.post("/api/categories", Map.of("name", emoji.repeat(51))),
				user.patch("/api/categories/" + id, Map.of("name", emoji.repeat(51))),
				user.post("/api/projects", Map.of("name", emoji.repeat(81))),
				user.post("/api/tokens", Map.of("name", emoji.repeat(101))) }) {
			String message = tooLong.problem(400).get("errors").get(0).get("message").asString();
			assertThat(message).matches("must be between 1 and (50|80|100) characters long");
		}
		user.post("/api/projects", Map.of("name", emoji.repeat(80))).expect(201);
		user.post("/api/tokens", Map.of("name", emoji.repeat(100))).expect(201);
		assertThat(user.get("/api/categories").json().findValuesAsString("name")).containsExactly(emoji.repeat(50));
	}

	@Test
	void deletingACategoryRemovesItsLinksButKeepsTheTasks() {
		Api.User user = newUser();
		long category = user.createCategory("Temporal");
		long task = user.createTask("Sigue aquí", category).get("id").asLong();
		user.delete("/api/categories/" + category).expect(204);
		user.get("/api/categories/" + category).problem(404);
		JsonNode reloaded = user.get("/api/tasks/" + task).expect(200).json();
		assertThat(reloaded.get("categories").size()).isZero();
	}

	@Test
	void anotherUsersCategoryIsNotFound() {
		Api.User owner = newUser();
		long id = owner.createCategory("Privada");
		Api.User intruder = newUser();
		intruder.get("/api/categories/" + id).problem(404);
		intruder.patch("/api/categories/" + id, Map.of("name", "Mía")).problem(404);
		intruder.delete("/api/categories/" + id).problem(404);
		assertThat(intruder.get("/api/categories").json().size()).isZero();
		assertThat(owner.get("/api/categories/" + id).json().get("name").asString()).isEqualTo("Privada");
	}

}
