package dev.taskfeed.task;

import java.time.LocalDate;
import java.util.List;

public record NewTask(String title, String description, TaskStatus status, LocalDate dueDate, List<Long> categoryIds) {

	public NewTask {
		status = (status != null) ? status : TaskStatus.TODO;
		categoryIds = (categoryIds != null) ? List.copyOf(categoryIds) : List.of();
	}

}
