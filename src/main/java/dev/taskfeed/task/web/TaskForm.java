package dev.taskfeed.task.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.taskfeed.common.TextLength;
import dev.taskfeed.task.NewTask;
import dev.taskfeed.task.TaskPatch;
import dev.taskfeed.task.TaskStatus;
import dev.taskfeed.task.TaskView;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The create and edit form of a task; an empty description or due date clears it.
 *
 * @param version the version the edit form was filled from; a save over a newer one is
 * refused
 * @param projectId where the task goes (or is moved to); none: the creator's personal
 * project
 * @param fieldsProjectId the project whose categories and members the form offers:
 * without JavaScript they are those of the project the page was drawn for, whatever the
 * project select says when the form comes back
 */
public record TaskForm(@NotBlank @TextLength(min = 1, max = 200) String title,
		@TextLength(max = 10000) String description, TaskStatus status,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueDate, @Size(max = 100) List<Long> categoryIds,
		Long version, Long projectId, Long assigneeId, Long fieldsProjectId) {

	public TaskForm {
		// a form sent without a status makes a task to do, as the API does
		status = (status != null) ? status : TaskStatus.TODO;
	}

	static TaskForm of(TaskView task) {
		Long projectId = task.project().id();
		return new TaskForm(task.title(), task.description(), task.status(), task.dueDate(),
				task.categories().stream().map(TaskView.CategoryRef::id).toList(), task.version(), projectId,
				(task.assignee() != null) ? task.assignee().id() : null, projectId);
	}

	static TaskForm in(long projectId) {
		return new TaskForm(null, null, TaskStatus.TODO, null, List.of(), null, projectId, null, projectId);
	}

	NewTask toNewTask() {
		return new NewTask(this.title, blankToNull(this.description), this.status, this.dueDate, chosenCategoryIds(),
				this.projectId, this.assigneeId);
	}

	/** Every field as the form shows it; a project left unsaid stays where it is. */
	TaskPatch toPatch() {
		return new TaskPatch(Optional.of(this.title), Optional.ofNullable(blankToNull(this.description)),
				Optional.of(this.status), Optional.ofNullable(this.dueDate), Optional.of(chosenCategoryIds()),
				(this.projectId != null) ? Optional.of(this.projectId) : null, Optional.ofNullable(this.assigneeId));
	}

	/**
	 * Whether the project select was changed away from the project whose categories and
	 * members the form offered (a form that does not say which is taken as it is).
	 */
	boolean projectChangedUnderFields() {
		return this.projectId != null && this.fieldsProjectId != null && !this.projectId.equals(this.fieldsProjectId);
	}

	/** This form, offering the chosen project's categories and members from now on. */
	TaskForm withFieldsOfChosenProject() {
		return projectChangedUnderFields() ? withFieldsProjectId(this.projectId) : this;
	}

	TaskForm withFieldsProjectId(Long fieldsProjectId) {
		return new TaskForm(this.title, this.description, this.status, this.dueDate, this.categoryIds, this.version,
				this.projectId, this.assigneeId, fieldsProjectId);
	}

	TaskForm withVersion(Long version) {
		return new TaskForm(this.title, this.description, this.status, this.dueDate, this.categoryIds, version,
				this.projectId, this.assigneeId, this.fieldsProjectId);
	}

	/** The ticked categories, each once (none ticked: the form sends no list at all). */
	List<Long> chosenCategoryIds() {
		return (this.categoryIds != null) ? this.categoryIds.stream().filter(Objects::nonNull).distinct().toList()
				: List.of();
	}

	String ifMatch() {
		return (this.version != null) ? "\"" + this.version + "\"" : null;
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

}
