package dev.taskfeed.task;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A merge-patch of a task: a null component was not sent and stays as it is; an empty
 * Optional was sent as JSON null and clears the value (only description and dueDate may
 * be cleared, and assigneeId). A new projectId moves the task.
 */
public record TaskPatch(Optional<String> title, Optional<String> description, Optional<TaskStatus> status,
		Optional<LocalDate> dueDate, Optional<List<Long>> categoryIds, Optional<Long> projectId,
		Optional<Long> assigneeId) {

	public TaskPatch(Optional<String> title, Optional<String> description, Optional<TaskStatus> status,
			Optional<LocalDate> dueDate, Optional<List<Long>> categoryIds) {
		this(title, description, status, dueDate, categoryIds, null, null);
	}

}
