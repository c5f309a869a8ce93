package dev.taskfeed.export;

import java.time.Instant;
import java.util.List;

import dev.taskfeed.category.CategoryView;
import dev.taskfeed.user.UserView;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape {@code GET /api/export} writes, for the API description:
 * {@link ExportService} streams it property by property rather than building this record.
 */
@Schema(name = "Export", description = "Everything the caller owns; no password hash, no token or calendar secrets")
public record ExportDocument(@Schema(example = "taskfeed-export/1") String format,
		@Schema(example = "2026-11-21T18:00:00Z") Instant exportedAt, UserView user, List<CategoryView> categories,
		@Schema(description = "live tasks, by id") List<ExportedTask> tasks,
		@Schema(description = "tasks in the trash, by id") List<ExportedTask> trash) {

	static final String FORMAT = "taskfeed-export/1";

}
