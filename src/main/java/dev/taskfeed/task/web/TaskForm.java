package dev.taskfeed.task.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.taskfeed.task.NewTask;
import dev.taskfeed.task.TaskPatch;
import dev.taskfeed.task.TaskStatus;
import dev.taskfeed.task.TaskView;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/** The create and edit form of a task; an empty description or due date clears it. */
public class TaskForm {

	@NotBlank
	@Size(max = 200)
	private String title;

	@Size(max = 10000)
	private String description;

	@NotNull
	private TaskStatus status = TaskStatus.TODO;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate dueDate;

	@Size(max = 100)
	private List<Long> categoryIds = new ArrayList<>();

	/** The version the edit form was filled from; a save over a newer one is refused. */
	private Long version;

	static TaskForm of(TaskView task) {
		TaskForm form = new TaskForm();
		form.title = task.title();
		form.description = task.description();
		form.status = task.status();
		form.dueDate = task.dueDate();
		form.categoryIds = new ArrayList<>(task.categories().stream().map(TaskView.CategoryRef::id).toList());
		form.version = task.version();
		return form;
	}

	NewTask toNewTask() {
		return new NewTask(this.title, blankToNull(this.description), this.status, this.dueDate, categoryIds());
	}

	TaskPatch toPatch() {
		return new TaskPatch(Optional.of(this.title), Optional.ofNullable(blankToNull(this.description)),
				Optional.of(this.status), Optional.ofNullable(this.dueDate), Optional.of(categoryIds()));
	}

	String ifMatch() {
		return (this.version != null) ? "\"" + this.version + "\"" : null;
	}

	private List<Long> categoryIds() {
		return (this.categoryIds != null)
				? this.categoryIds.stream().filter(java.util.Objects::nonNull).distinct().toList() : List.of();
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	public String getTitle() {
		return this.title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getDescription() {
		return this.description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public TaskStatus getStatus() {
		return this.status;
	}

	public void setStatus(TaskStatus status) {
		this.status = status;
	}

	public LocalDate getDueDate() {
		return this.dueDate;
	}

	public void setDueDate(LocalDate dueDate) {
		this.dueDate = dueDate;
	}

	public List<Long> getCategoryIds() {
		return this.categoryIds;
	}

	public void setCategoryIds(List<Long> categoryIds) {
		this.categoryIds = categoryIds;
	}

	public Long getVersion() {
		return this.version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

}
