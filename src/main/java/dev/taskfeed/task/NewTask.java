package dev.taskfeed.task;

import java.time.LocalDate;
import java.util.List;

/**
 * A task to create. Without {@code projectId} it goes into the creator's personal
 * project; {@code assigneeId} (optional) must be a member of the project.
 */
public record NewTask(String title, String description, TaskStatus status, LocalDate dueDate, List<Long> categoryIds,
		Long projectId, Long assigneeId) {

	public NewTask(String title, String description, TaskStatus status, LocalDate dueDate, List<Long> categoryIds) {
		this(title, description, status, dueDate, categoryIds, null, null);
	}

	public NewTask {
		status = (status != null) ? status : TaskStatus.TODO;
		categoryIds = (categoryIds != null) ? List.copyOf(categoryIds) : List.of();
	}

}
