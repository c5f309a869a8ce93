package dev.taskfeed.task;

import java.time.LocalDate;

/**
 * What a task list is narrowed to; every part is optional. {@code dueBefore} and
 * {@code dueAfter} include the day they name; {@code text} matches title or description,
 * ignoring case.
 */
public record TaskFilter(TaskStatus status, Long categoryId, String text, LocalDate dueBefore, LocalDate dueAfter) {

	public static final TaskFilter NONE = new TaskFilter(null, null, null, null, null);

}
