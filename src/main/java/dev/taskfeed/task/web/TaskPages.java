package dev.taskfeed.task.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.taskfeed.category.CategoryService;
import dev.taskfeed.category.CategoryView;
import dev.taskfeed.common.DomainException;
import dev.taskfeed.project.MemberView;
import dev.taskfeed.project.ProjectRole;
import dev.taskfeed.project.ProjectService;
import dev.taskfeed.project.ProjectView;
import dev.taskfeed.task.TaskFilter;
import dev.taskfeed.task.TaskPage;
import dev.taskfeed.task.TaskService;
import dev.taskfeed.task.TaskStatus;
import dev.taskfeed.task.TaskView;
import dev.taskfeed.user.TaskFeedPrincipal;
import dev.taskfeed.web.Flash;
import dev.taskfeed.web.FormRedraw;
import dev.taskfeed.web.PageController;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PagedModel;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The task pages. Every action is a form POST that redirects (so it works without
 * JavaScript); the list page's script adds the live feed on top. The list, and the trash,
 * show one project ({@code ?project=ID}) or every project of the caller (no parameter). A
 * task's own page ({@code /tasks/{id}}) is its conversation too, so it is drawn by the
 * comment pages: the comments know the tasks, not the other way round.
 */
@PageController
class TaskPages {

	private static final int PAGE_SIZE = 20;

	private final TaskService tasks;

	private final CategoryService categories;

	private final ProjectService projects;

	TaskPages(TaskService tasks, CategoryService categories, ProjectService projects) {
		this.tasks = tasks;
		this.categories = categories;
		this.projects = projects;
	}

	@ModelAttribute("statuses")
	TaskStatus[] statuses() {
		return TaskStatus.values();
	}

	@GetMapping("/tasks")
	String list(@AuthenticationPrincipal TaskFeedPrincipal me, @ModelAttribute("filter") ListFilter filter,
			Model model) {
		ProjectChoice choice = ProjectChoice.of(this.projects.list(me.id()), filter.project());
		model.addAttribute("form", TaskForm.in(choice.projectForNewTasks()));
		return showList(me, filter, choice, model);
	}

	/** Creates a task; {@code ?project=} is the list the form was on, to return to. */
	@PostMapping("/tasks")
	String create(@AuthenticationPrincipal TaskFeedPrincipal me,
			@RequestParam(name = "project", required = false) Long view, @Valid @ModelAttribute("form") TaskForm form,
			BindingResult errors, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		TaskForm shown = form;
		if (!errors.hasErrors()) {
			shown = form.withFieldsOfChosenProject();
			if (fieldsFitProject(me, form, errors)) {
				try {
					TaskView task = this.tasks.create(me.id(), form.toNewTask());
					Flash.add(redirect, "flash.taskCreated", task.title());
					return "redirect:" + listLink("/tasks", view);
				}
				catch (DomainException.InvalidField ex) {
					rejectField(errors, ex);
				}
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		FormRedraw.replace(model, "form", shown);
		ListFilter filter = ListFilter.of(view);
		model.addAttribute("filter", filter);
		return showList(me, filter, ProjectChoice.of(this.projects.list(me.id()), view), model);
	}

	@GetMapping("/tasks/{id}/edit")
	String editForm(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, Model model) {
		TaskView task = this.tasks.get(me.id(), id);
		model.addAttribute("form", TaskForm.of(task));
		return showEdit(me, task, model);
	}

	@PostMapping("/tasks/{id}/edit")
	String edit(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@Valid @ModelAttribute("form") TaskForm form, BindingResult errors, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		TaskForm shown = form;
		if (form.version() == null) {
			// missing or not a number: saving could overwrite a change it never saw
			errors.reject("task.versionMissing");
		}
		if (!errors.hasErrors()) {
			shown = form.withFieldsOfChosenProject();
			if (fieldsFitProject(me, form, errors)) {
				try {
					TaskView task = this.tasks.update(me.id(), id, form.toPatch(), form.ifMatch());
					Flash.add(redirect, "flash.taskSaved", task.title());
					return "redirect:/tasks/" + id;
				}
				catch (DomainException.StaleVersion ex) {
					errors.reject("task.changedMeanwhile");
				}
				catch (DomainException.InvalidField ex) {
					rejectField(errors, ex);
				}
			}
		}
		TaskView task = this.tasks.get(me.id(), id);
		boolean stale = errors.getGlobalErrors().stream().anyMatch((e) -> "task.changedMeanwhile".equals(e.getCode()));
		response.setStatus(stale ? HttpServletResponse.SC_CONFLICT : HttpServletResponse.SC_BAD_REQUEST);
		// after a conflict the form keeps what was typed,
		// but saving again overwrites the newer version
		FormRedraw.replace(model, "form", shown.withVersion(task.version()));
		return showEdit(me, task, model);
	}

	@PostMapping("/tasks/{id}/delete")
	String delete(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
		TaskView task = this.tasks.delete(me.id(), id, null);
		Flash.add(redirect, "flash.taskDeleted", task.title());
		return "redirect:/tasks";
	}

	@GetMapping("/trash")
	String trash(@AuthenticationPrincipal TaskFeedPrincipal me, @RequestParam(required = false) Long project,
			@RequestParam(required = false) Integer page, Model model) {
		ProjectChoice choice = ProjectChoice.of(this.projects.list(me.id()), project);
		Pageable slice = TaskPage.of(page, PAGE_SIZE, "deletedAt,desc", "deletedAt,desc", List.of("deletedAt"));
		model.addAttribute("tasks", new PagedModel<>(this.tasks.trash(me.id(), choice.chosenId(), slice)));
		model.addAttribute("pageLink",
				UriComponentsBuilder.fromPath("/trash").queryParamIfPresent("project", Optional.ofNullable(project)));
		choice.addTo(model);
		return "tasks/trash";
	}

	/** Restores a task; {@code ?project=} is the trash the form was on, to return to. */
	@PostMapping("/trash/{id}/restore")
	String restore(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@RequestParam(name = "project", required = false) Long view, RedirectAttributes redirect) {
		TaskView task = this.tasks.restore(me.id(), id);
		Flash.add(redirect, "flash.taskRestored", task.title());
		return "redirect:" + listLink("/trash", view);
	}

	private String showList(TaskFeedPrincipal me, ListFilter filter, ProjectChoice choice, Model model) {
		TaskFilter criteria = new TaskFilter(choice.chosenId(), null, filter.status(), filter.categoryId(),
				filter.text(), null, null);
		Pageable slice = TaskPage.of(filter.page(), PAGE_SIZE, null, "createdAt,desc", TaskPage.SORTABLE);
		model.addAttribute("tasks", new PagedModel<>(this.tasks.list(me.id(), criteria, slice)));
		model.addAttribute("pageLink",
				UriComponentsBuilder.fromPath("/tasks")
					.queryParamIfPresent("project", Optional.ofNullable(choice.chosenId()))
					.queryParamIfPresent("status", Optional.ofNullable(filter.status()))
					.queryParamIfPresent("categoryId", Optional.ofNullable(filter.categoryId()))
					.queryParamIfPresent("q", Optional.ofNullable(filter.text())));
		model.addAttribute("filterCategories", filterCategories(me, choice));
		model.addAttribute("canAdd", choice.canAddTasks());
		choice.addTo(model);
		addFormChoices(me, choice.editable(), model);
		return "tasks/list";
	}

	/**
	 * The category filter's choices: the chosen project's categories, or on "all my
	 * tasks" every project's, grouped by project (one statement per project: a person is
	 * in a handful).
	 */
	private List<CategoryGroup> filterCategories(TaskFeedPrincipal me, ProjectChoice choice) {
		List<ProjectView> shown = (choice.chosen() != null) ? List.of(choice.chosen()) : choice.mine();
		return shown.stream()
			.map((project) -> new CategoryGroup(project, this.categories.list(me.id(), project.id())))
			.filter((group) -> !group.categories().isEmpty())
			.toList();
	}

	private String showEdit(TaskFeedPrincipal me, TaskView task, Model model) {
		this.projects.require(me.id(), task.project().id(), ProjectRole.EDITOR);
		ProjectChoice choice = ProjectChoice.of(this.projects.list(me.id()), null);
		model.addAttribute("task", task);
		addFormChoices(me, choice.editable(), model);
		return "tasks/edit";
	}

	/**
	 * The form's choices: the projects it may go to, and the categories and members of
	 * the one its fields are for.
	 */
	private void addFormChoices(TaskFeedPrincipal me, List<ProjectView> editable, Model model) {
		TaskForm form = shownForm(model);
		Long project = form.fieldsProjectId();
		if (project == null) {
			project = (form.projectId() != null) ? form.projectId() : this.projects.personalProjectId(me.id());
			FormRedraw.replace(model, "form", form.withFieldsProjectId(project));
		}
		model.addAttribute("editableProjects", editable);
		model.addAttribute("categories", this.categories.list(me.id(), project));
		model.addAttribute("members", this.projects.members(me.id(), project));
	}

	/**
	 * Without JavaScript the form offers the categories and members of the project it was
	 * drawn for: when another project was chosen and what was ticked does not belong
	 * there, the form comes back offering the new project's own, to choose again (the
	 * callers draw {@link TaskForm#withFieldsOfChosenProject()}).
	 */
	private boolean fieldsFitProject(TaskFeedPrincipal me, TaskForm form, BindingResult errors) {
		if (!form.projectChangedUnderFields()) {
			return true;
		}
		long project = form.projectId();
		Set<Long> categoryIds = this.categories.list(me.id(), project)
			.stream()
			.map(CategoryView::id)
			.collect(Collectors.toSet());
		boolean fits = categoryIds.containsAll(form.chosenCategoryIds())
				&& (form.assigneeId() == null || this.projects.members(me.id(), project)
					.stream()
					.map(MemberView::user)
					.anyMatch((user) -> user.id().equals(form.assigneeId())));
		if (!fits) {
			errors.reject("task.projectChanged");
		}
		return fits;
	}

	/** The task form the page is about to draw. */
	private static TaskForm shownForm(Model model) {
		return (TaskForm) model.getAttribute("form");
	}

	private static void rejectField(BindingResult errors, DomainException.InvalidField ex) {
		switch (ex.field()) {
			case "categoryIds" -> errors.rejectValue("categoryIds", "task.categoriesInvalid");
			case "assigneeId" -> errors.rejectValue("assigneeId", "task.assigneeInvalid");
			case "dueDate" -> errors.rejectValue("dueDate", "task.dueDateOutOfRange");
			default -> throw ex;
		}
	}

	private static String listLink(String path, Long project) {
		return (project != null) ? path + "?project=" + project : path;
	}

	/** A project's categories, as the list's category filter offers them. */
	record CategoryGroup(ProjectView project, List<CategoryView> categories) {
	}

	/**
	 * The list's query: {@code ?project=&status=&categoryId=&q=&page=}; empty means any
	 * (no project: every project of the caller).
	 */
	public record ListFilter(Long project, TaskStatus status, Long categoryId, String q, Integer page) {

		static ListFilter of(Long project) {
			return new ListFilter(project, null, null, null, null);
		}

		String text() {
			return (this.q == null || this.q.isBlank()) ? null : this.q.strip();
		}

		/** Whether anything besides the project narrows the list. */
		public boolean isActive() {
			return this.status != null || this.categoryId != null || text() != null;
		}

	}

}
