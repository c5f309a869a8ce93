package dev.taskfeed.task;

import java.util.List;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.taskfeed.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

class TaskListTests extends IntegrationTest {

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Test
	void filtersCombineAndSearchIgnoresCase() {
		Api.User user = newUser();
		long work = user.createCategory("Trabajo");
		user.post("/api/tasks",
				body("title", "Informe anual", "status", "DONE", "dueDate", "2026-01-10", "categoryIds", List.of(work)))
			.expect(201);
		user.post("/api/tasks", body("title", "Llamar", "description", "Sobre el INFORME", "dueDate", "2026-01-20"))
			.expect(201);
		user.post("/api/tasks", body("title", "Comprar 100% café_", "dueDate", "2026-02-01")).expect(201);
		newUser().createTask("Informe de otro usuario");

		assertThat(titles(user, "?q=informe")).containsExactlyInAnyOrder("Informe anual", "Llamar");
		assertThat(titles(user, "?q=informe&status=DONE")).containsExactly("Informe anual");
		assertThat(titles(user, "?categoryId=" + work)).containsExactly("Informe anual");
		assertThat(titles(user, "?dueBefore=2026-01-20")).containsExactlyInAnyOrder("Informe anual", "Llamar");
		assertThat(titles(user, "?dueAfter=2026-01-20")).containsExactlyInAnyOrder("Llamar", "Comprar 100% café_");
		assertThat(titles(user, "?dueAfter=2026-01-11&dueBefore=2026-01-31")).containsExactly("Llamar");
		assertThat(titles(user, "?q=100%25")).containsExactly("Comprar 100% café_");
		assertThat(titles(user, "?q=%25")).containsExactly("Comprar 100% café_");
		assertThat(titles(user, "?status=TODO&sort=title,asc")).containsExactly("Comprar 100% café_", "Llamar");
		assertThat(titles(user, "?sort=dueDate,desc")).containsExactly("Comprar 100% café_", "Llamar", "Informe anual");
	}

	@Test
	void pagesAreNewestFirstWithMetadata() {
		Api.User user = newUser();
		for (int i = 1; i <= 5; i++) {
			user.createTask("Task " + i);
		}
		JsonNode first = user.get("/api/tasks?size=2").expect(200).json();
		assertThat(first.get("content").findValuesAsString("title")).containsExactly("Task 5", "Task 4");
		assertThat(first.get("page").get("size").asInt()).isEqualTo(2);
		assertThat(first.get("page").get("number").asInt()).isZero();
		assertThat(first.get("page").get("totalElements").asLong()).isEqualTo(5);
		assertThat(first.get("page").get("totalPages").asInt()).isEqualTo(3);
		JsonNode last = user.get("/api/tasks?size=2&page=2").expect(200).json();
		assertThat(last.get("content").findValuesAsString("title")).containsExactly("Task 1");
		assertThat(user.get("/api/tasks?page=9").json().get("content").size()).isZero();
	}

	@Test
	void badPagingAndSortingAre400() {
		Api.User user = newUser();
		assertThat(user.get("/api/tasks?size=101").invalidField()).isEqualTo("size");
		user.get("/api/tasks?size=0").problem(400);
		user.get("/api/tasks?page=-1").problem(400);
		user.get("/api/tasks?sort=password").problem(400);
		user.get("/api/tasks?sort=title,sideways").problem(400);
		user.get("/api/tasks?status=LATER").problem(400);
		user.get("/api/tasks?dueBefore=yesterday").problem(400);
		user.get("/api/tasks?categoryId=abc").problem(400);
		user.get("/api/tasks?page=99999999999").problem(400);
	}

	@Test
	void aSortWithoutAFieldIs400NamingSort() {
		Api.User user = newUser();
		for (String sort : List.of(",", ",,", "%2C", " , ")) {
			JsonNode problem = user.get("/api/tasks?sort=" + sort.replace(" ", "%20")).problem(400);
			assertThat(problem.get("errors").get(0).get("field").asString()).as(sort).isEqualTo("sort");
			problem = user.get("/api/tasks/trash?sort=" + sort.replace(" ", "%20")).problem(400);
			assertThat(problem.get("errors").get(0).get("field").asString()).as(sort).isEqualTo("sort");
		}
	}

	@Test
	void theTrashSortsAsAskedAndRefusesAnUnknownSort() {
		Api.User user = newUser();
		for (String title : List.of("Beta", "Alpha", "Gamma")) {
			long id = user.createTask(title).get("id").asLong();
			user.delete("/api/tasks/" + id).expect(204);
		}
		assertThat(user.get("/api/tasks/trash").json().get("content").findValuesAsString("title"))
			.containsExactly("Gamma", "Alpha", "Beta");
		assertThat(user.get("/api/tasks/trash?sort=title,asc").json().get("content").findValuesAsString("title"))
			.containsExactly("Alpha", "Beta", "Gamma");
		assertThat(user.get("/api/tasks/trash?sort=deletedAt,asc").json().get("content").findValuesAsString("title"))
			.containsExactly("Beta", "Alpha", "Gamma");
		for (String sort : List.of("unknown", "title,sideways", "password", "title,asc,desc")) {
			JsonNode problem = user.get("/api/tasks/trash?sort=" + sort).problem(400);
			assertThat(problem.get("errors").get(0).get("field").asString()).as(sort).isEqualTo("sort");
		}
	}

	@Test
	void aPageOfTwentyCostsAsManyStatementsAsAPageOfOne() {
		Api.User user = newUser();
		long a = user.createCategory("A");
		long b = user.createCategory("B");
		for (int i = 0; i < 20; i++) {
			user.createTask("Task " + i, a, b);
		}
		user.get("/api/tasks?size=1").expect(200); // warm up

		long one = statementsFor(user, "/api/tasks?size=1");
		long twenty = statementsFor(user, "/api/tasks?size=20");
		JsonNode page = user.get("/api/tasks?size=20").json();
		assertThat(page.get("content").size()).isEqualTo(20);
		assertThat(page.get("content").get(0).get("categories").size()).isEqualTo(2);
		assertThat(page.get("content").get(19).get("owner").get("email").asString()).isEqualTo(user.email());
		assertThat(twenty).isEqualTo(one);
		// the user look-up for Basic auth, the count, and the page's tasks (chosen by a
		// sorted, limited subquery)
		assertThat(twenty).isLessThanOrEqualTo(3);
	}

	private long statementsFor(Api.User user, String path) {
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		statistics.clear();
		user.get(path).expect(200);
		return statistics.getPrepareStatementCount();
	}

	private static List<String> titles(Api.User user, String query) {
		return user.get("/api/tasks" + query).expect(200).json().get("content").findValuesAsString("title");
	}

}
