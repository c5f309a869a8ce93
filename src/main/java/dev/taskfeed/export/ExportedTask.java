package dev.taskfeed.export;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import dev.taskfeed.task.Task;
import dev.taskfeed.task.TaskCategory;
import dev.taskfeed.task.TaskStatus;
import dev.taskfeed.task.TaskView;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A task in an export: as the API shows it (without {@code owner}, which
 * {@code createdBy} says), with {@code deletedAt}.
 */
public record ExportedTask(@Schema(example = "1") Long id, @Schema(example = "Comprar pan") String title,
		@Schema(example = "Integral, de la panadería de la esquina") String description,
		@Schema(example = "TODO") TaskStatus status, @Schema(example = "2026-12-01") LocalDate dueDate,
		@Schema(example = "2026-11-20T09:30:00Z") Instant createdAt,
		@Schema(example = "2026-11-20T09:30:00Z") Instant updatedAt,
		@Schema(description = "when it went to the trash; null for a live task",
				example = "2026-11-21T18:00:00Z") Instant deletedAt,
		@Schema(example = "0") long version, TaskView.ProjectRef project, TaskView.Person createdBy,
		TaskView.Person assignee, @Schema(example = "2") int commentCount, List<Category> categories) {

	static ExportedTask of(Task task) {
		List<Category> categories = task.getCategories()
			.stream()
			.map(TaskCategory::getCategory)
			.map((category) -> new Category(category.getId(), category.getName(), category.getColor()))
			.sorted(Comparator.comparing((Category c) -> c.name().toLowerCase()).thenComparing(Category::id))
			.toList();
		return new ExportedTask(task.getId(), task.getTitle(), task.getDescription(), task.getStatus(),
				task.getDueDate(), task.getCreatedAt(), task.getUpdatedAt(), task.getDeletedAt(), task.getVersion(),
				new TaskView.ProjectRef(task.getProject().getId(), task.getProject().getName()),
				new TaskView.Person(task.getOwner().getId(), task.getOwner().getDisplayName()),
				(task.getAssignee() != null)
						? new TaskView.Person(task.getAssignee().getId(), task.getAssignee().getDisplayName()) : null,
				task.getCommentCount(), categories);
	}

	public record Category(@Schema(example = "1") Long id, @Schema(example = "Casa") String name,
			@Schema(example = "#1e90ff") String color) {
	}

}
