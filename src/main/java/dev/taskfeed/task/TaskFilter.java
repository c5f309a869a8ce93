package dev.taskfeed.task;

import java.time.LocalDate;

/**
 * What a task list is narrowed to; every part is optional. {@code dueBefore} and
 * {@code dueAfter} include the day they name; {@code text} matches title or description,
 * ignoring case; a due date outside {@link DueDates} is refused, naming its parameter.
 * Without {@code projectId}, every project of the caller.
 */
public record TaskFilter(Long projectId, Long assigneeId, TaskStatus status, Long categoryId, String text,
		LocalDate dueBefore, LocalDate dueAfter) {

	public static final TaskFilter NONE = new TaskFilter(null, null, null, null, null);

	public TaskFilter {
		DueDates.check("dueBefore", dueBefore);
		DueDates.check("dueAfter", dueAfter);
	}

	/** Across every project of the caller, assigned or not. */
	public TaskFilter(TaskStatus status, Long categoryId, String text, LocalDate dueBefore, LocalDate dueAfter) {
		this(null, null, status, categoryId, text, dueBefore, dueAfter);
	}

	public TaskFilter inProject(Long projectId) {
		return new TaskFilter(projectId, this.assigneeId, this.status, this.categoryId, this.text, this.dueBefore,
				this.dueAfter);
	}

}
