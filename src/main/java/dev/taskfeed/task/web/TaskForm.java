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

	/** Where the task goes (or is moved to); none: the creator's personal project. */
	private Long projectId;

	private Long assigneeId;

	/**
	 * The project whose categories and members the form offers: without JavaScript they
	 * are those of the project the page was drawn for, whatever the project select says
	 * when the form comes back.
	 */
	private Long fieldsProjectId;

	static TaskForm of(TaskView task) {
		TaskForm form = new TaskForm();
		form.title = task.title();
		form.description = task.description();
		form.status = task.status();
		form.dueDate = task.dueDate();
		form.categoryIds = new ArrayList<>(task.categories().stream().map(TaskView.CategoryRef::id).toList());
		form.version = task.version();
		form.projectId = task.project().id();
		form.assigneeId = (task.assignee() != null) ? task.assignee().id() : null;
		form.fieldsProjectId = form.projectId;
		return form;
	}

	static TaskForm in(long projectId) {
		TaskForm form = new TaskForm();
		form.projectId = projectId;
		form.fieldsProjectId = projectId;
		return form;
	}

	NewTask toNewTask() {
		return new NewTask(this.title, blankToNull(this.description), this.status, this.dueDate, categoryIds(),
				this.projectId, this.assigneeId);
	}

	/** Every field as the form shows it; a project left unsaid stays where it is. */
	TaskPatch toPatch() {
		return new TaskPatch(Optional.of(this.title), Optional.ofNullable(blankToNull(this.description)),
				Optional.of(this.status), Optional.ofNullable(this.dueDate), Optional.of(categoryIds()),
				(this.projectId != null) ? Optional.of(this.projectId) : null, Optional.ofNullable(this.assigneeId));
	}

	/**
	 * Whether the project select was changed away from the project whose categories and
	 * members the form offered (a form that does not say which is taken as it is).
	 */
	boolean projectChangedUnderFields() {
		return this.projectId != null && this.fieldsProjectId != null && !this.projectId.equals(this.fieldsProjectId);
	}

	/** Offers the chosen project's categories and members from now on. */
	void offerFieldsOfChosenProject() {
		this.fieldsProjectId = this.projectId;
	}

	List<Long> chosenCategoryIds() {
		return categoryIds();
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

	public Long getProjectId() {
		return this.projectId;
	}

	public void setProjectId(Long projectId) {
		this.projectId = projectId;
	}

	public Long getAssigneeId() {
		return this.assigneeId;
	}

	public void setAssigneeId(Long assigneeId) {
		this.assigneeId = assigneeId;
	}

	public Long getFieldsProjectId() {
		return this.fieldsProjectId;
	}

	public void setFieldsProjectId(Long fieldsProjectId) {
		this.fieldsProjectId = fieldsProjectId;
	}

}
