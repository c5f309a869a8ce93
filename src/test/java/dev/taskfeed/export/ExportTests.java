package dev.taskfeed.export;

import java.util.ArrayList;
import java.util.List;

import dev.taskfeed.support.Api;
import dev.taskfeed.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.taskfeed.support.Api.body;
import static org.assertj.core.api.Assertions.assertThat;

class ExportTests extends IntegrationTest {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void jsonExportRoundTripsTheUsersData() {
		Api.User ana = newUser();
		Api.User other = newUser();
		other.createTask("Not Ana's");
		ana.createToken("laptop");
		ana.post("/api/calendar-feeds", null).expect(201);
		long casa = ana.createCategory("Casa");
		long work = ana.createCategory("Work");
		ana.createCategory("Empty");
		ana.post("/api/tasks", body("title", "Comprar pan", "description", "Integral, \"de la esquina\"\nmañana",
				"dueDate", "2026-12-01", "status", "IN_PROGRESS", "categoryIds", List.of(work, casa)))
			.expect(201);
		ana.createTask("Plain");
		long gone = ana.createTask("Old idea", casa).get("id").asLong();
		ana.delete("/api/tasks/" + gone).expect(204);

		Api.Response response = ana.get("/api/export").expect(200);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.header("Content-Disposition")).isEqualTo("attachment; filename=\"taskfeed-export.json\"");
		JsonNode export = response.json();

		assertThat(export.get("format").asString()).isEqualTo("taskfeed-export/1");
		assertThat(export.get("user")).isEqualTo(ana.get("/api/users/me").expect(200).json());
		assertThat(export.get("categories")).isEqualTo(ana.get("/api/categories").expect(200).json());
		assertThat(export.get("tasks")).isEqualTo(withoutOwners(byId(ana.get("/api/tasks?size=100").json()), null));
		JsonNode trash = ana.get("/api/tasks/trash").expect(200).json();
		assertThat(export.get("trash")).hasSize(1);
		assertThat(export.get("trash").get(0).get("deletedAt").asString()).isNotBlank();
		assertThat(((ObjectNode) export.get("trash").get(0).deepCopy()).without("deletedAt"))
			.isEqualTo(((ObjectNode) withoutOwners(byId(trash), null).get(0)).without("deletedAt"));
		// nothing secret leaves: no password hash,
		// no token or calendar secret, nothing of another user
		assertThat(response.body()).doesNotContain("password", "Hash", "hash", "tf_", "tfc_", "Not Ana's");
	}

	@Test
	void csvExportIsOneQuotedRowPerTaskWithAByteOrderMark() {
		Api.User ana = newUser();
		long casa = ana.createCategory("Casa");
		long work = ana.createCategory("Work, mostly");
		long pan = ana
			.post("/api/tasks",
					body("title", "Comprar \"pan\", y leche", "description", "línea 1\nlínea 2", "dueDate",
							"2026-12-01", "categoryIds", List.of(work, casa)))
			.expect(201)
			.json()
			.get("id")
			.asLong();
		long formula = ana.createTask("=HYPERLINK(\"http://evil.example\")").get("id").asLong();
		long trashed = ana.createTask("-1 from the trash").get("id").asLong();
		ana.delete("/api/tasks/" + trashed).expect(204);

		Api.Response response = ana.get("/api/export?format=csv").expect(200);
		assertThat(response.header("Content-Type")).isEqualTo("text/csv;charset=UTF-8");
		assertThat(response.header("Content-Disposition")).isEqualTo("attachment; filename=\"taskfeed-tasks.csv\"");
		String csv = response.body();
		assertThat(csv)
			.startsWith("\uFEFFid,title,description,status,dueDate,categories,createdAt,updatedAt,deletedAt\r\n");
		List<List<String>> rows = parseCsv(csv.substring(1));
		assertThat(rows).hasSize(4);
		assertThat(rows.get(1)).startsWith(String.valueOf(pan), "Comprar \"pan\", y leche", "línea 1\nlínea 2", "TODO",
				"2026-12-01", "Casa; Work, mostly");
		assertThat(rows.get(1).get(8)).isEmpty();
		assertThat(rows.get(2).subList(0, 2)).containsExactly(String.valueOf(formula),
				"'=HYPERLINK(\"http://evil.example\")");
		assertThat(rows.get(3).subList(0, 2)).containsExactly(String.valueOf(trashed), "'-1 from the trash");
		assertThat(rows.get(3).get(8)).isNotBlank();
		assertThat(ana.get("/api/export?format=xml").invalidField()).isEqualTo("format");
		this.api.send("GET", "/api/export", null, null).problem(401);
	}

	@Test
	void largeAccountsAreExportedInBatches() {
		Api.User bulk = newUser();
		int count = ExportService.BATCH * 2 + 7;
		this.jdbc.update("""
				insert into tasks (owner_id, project_id, title, status, created_at, updated_at, deleted_at)
				select ?, (select id from projects where personal_user_id = ?), 'Bulk ' || n, 'TODO', now(), now(),
				case when n % 10 = 0 then now() end
				from generate_series(1, ?) n""", bulk.id(), bulk.id(), count);
		JsonNode export = bulk.get("/api/export").expect(200).json();
		assertThat(export.get("tasks").size() + export.get("trash").size()).isEqualTo(count);
		assertThat(export.get("trash").size()).isEqualTo(count / 10);
		List<Long> ids = new ArrayList<>();
		export.get("tasks").forEach((task) -> ids.add(task.get("id").asLong()));
		assertThat(ids).isSorted().doesNotHaveDuplicates();
		assertThat(parseCsv(bulk.get("/api/export?format=csv").expect(200).body().substring(1))).hasSize(count + 1);
	}

	/**
	 * The API's task JSON without the owner (an export is all one user's) and with
	 * deletedAt.
	 */
	private static ArrayNode withoutOwners(ArrayNode tasks, String deletedAt) {
		ArrayNode result = Api.JSON.createArrayNode();
		for (JsonNode task : tasks) {
			ObjectNode copy = ((ObjectNode) task.deepCopy()).without("owner");
			ObjectNode ordered = Api.JSON.createObjectNode();
			copy.properties().forEach((entry) -> {
				if (entry.getKey().equals("version")) {
					ordered.put("deletedAt", deletedAt);
				}
				ordered.set(entry.getKey(), entry.getValue());
			});
			result.add(ordered);
		}
		return result;
	}

	private static ArrayNode byId(JsonNode page) {
		List<JsonNode> tasks = new ArrayList<>();
		page.get("content").forEach(tasks::add);
		tasks.sort(java.util.Comparator.comparingLong((JsonNode task) -> task.get("id").asLong()));
		return Api.JSON.createArrayNode().addAll(tasks);
	}

	/**
	 * An RFC 4180 reader: quoted cells may hold commas, doubled quotes and line breaks.
	 */
	static List<List<String>> parseCsv(String csv) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < csv.length(); i++) {
			char c = csv.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				row.add(cell.toString());
				cell.setLength(0);
			}
			else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
				row.add(cell.toString());
				cell.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
				i++;
			}
			else {
				cell.append(c);
			}
		}
		assertThat(cell).as("the last row ends with CRLF").isEmpty();
		return rows;
	}

}
