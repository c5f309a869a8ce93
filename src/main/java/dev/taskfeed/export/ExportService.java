package dev.taskfeed.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import dev.taskfeed.category.CategoryService;
import dev.taskfeed.user.UserService;
import jakarta.persistence.EntityManager;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's data out, written while it is read: tasks come a batch at a time and leave the
 * persistence context once written, so memory stays flat however large the account. One
 * repeatable-read transaction makes the whole document one consistent snapshot.
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class ExportService {

	static final int BATCH = 500;

	private static final String CSV_HEADER = "id,title,description,status,dueDate,categories,createdAt,updatedAt,deletedAt";

	private final ExportTaskRepository tasks;

	private final UserService users;

	private final CategoryService categories;

	private final EntityManager entities;

	private final JsonMapper json;

	private final Clock clock;

	ExportService(ExportTaskRepository tasks, UserService users, CategoryService categories, EntityManager entities,
			JsonMapper json, Clock clock) {
		this.tasks = tasks;
		this.users = users;
		this.categories = categories;
		this.entities = entities;
		this.json = json;
		this.clock = clock;
	}

	/** The JSON document: format, exportedAt, user, categories, tasks (live), trash. */
	public void writeJson(long userId, OutputStream out) {
		try (JsonGenerator generator = this.json.createGenerator(out)) {
			generator.writeStartObject();
			generator.writeStringProperty("format", ExportDocument.FORMAT);
			generator.writeName("exportedAt");
			generator.writePOJO(Instant.now(this.clock));
			generator.writeName("user");
			generator.writePOJO(this.users.get(userId));
			generator.writeName("categories");
			generator.writePOJO(this.categories.list(userId, null));
			generator.writeName("tasks");
			writeArray(generator, (after) -> this.tasks.findLiveIds(userId, after, Limit.of(BATCH)));
			generator.writeName("trash");
			writeArray(generator, (after) -> this.tasks.findTrashIds(userId, after, Limit.of(BATCH)));
			generator.writeEndObject();
		}
	}

	/**
	 * Every task (live and in the trash) as one CSV row, for a spreadsheet: UTF-8 with a
	 * byte order mark, RFC 4180 quoting, CRLF line ends, categories joined with "; ".
	 */
	public void writeCsv(long userId, OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write('\uFEFF');
		writer.write(CSV_HEADER);
		writer.write("\r\n");
		forEachBatch((after) -> this.tasks.findAllIds(userId, after, Limit.of(BATCH)), (task) -> {
			try {
				writer.write(csvRow(task));
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		writer.flush();
	}

	private void writeArray(JsonGenerator generator, LongFunction<List<Long>> idsAfter) {
		generator.writeStartArray();
		forEachBatch(idsAfter, generator::writePOJO);
		generator.writeEndArray();
	}

	private void forEachBatch(LongFunction<List<Long>> idsAfter, Consumer<ExportedTask> write) {
		long after = 0;
		List<Long> ids = idsAfter.apply(after);
		while (!ids.isEmpty()) {
			this.tasks.findWithCategories(ids).stream().map(ExportedTask::of).forEach(write);
			// what was written is not needed again:
			// keep the persistence context to one batch
			this.entities.clear();
			after = ids.get(ids.size() - 1);
			ids = (ids.size() < BATCH) ? List.of() : idsAfter.apply(after);
		}
	}

	static String csvRow(ExportedTask task) {
		String categories = task.categories()
			.stream()
			.map(ExportedTask.Category::name)
			.collect(Collectors.joining("; "));
		return String.join(",", String.valueOf(task.id()), csvText(task.title()), csvText(task.description()),
				task.status().name(), csvValue(task.dueDate()), csvText(categories), csvValue(task.createdAt()),
				csvValue(task.updatedAt()), csvValue(task.deletedAt())) + "\r\n";
	}

	private static String csvValue(Object value) {
		return (value != null) ? value.toString() : "";
	}

	/**
	 * User text as a CSV cell: a cell a spreadsheet would take for a formula (=, +, -, @,
	 * or a tab or carriage return before one) gets a leading apostrophe; quotes, commas
	 * and line breaks are quoted as RFC 4180 says.
	 */
	static String csvText(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String cell = ("=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		if (cell.contains("\"") || cell.contains(",") || cell.contains("\n") || cell.contains("\r")) {
			return "\"" + cell.replace("\"", "\"\"") + "\"";
		}
		return cell;
	}

}
