package dev.taskfeed.task.web;

import dev.taskfeed.web.PageController;
import dev.taskfeed.common.DomainException;
import dev.taskfeed.web.Flash;
import java.util.List;
import java.util.Optional;

import dev.taskfeed.category.CategoryService;
import dev.taskfeed.task.TaskFilter;
import dev.taskfeed.task.TaskPage;
import dev.taskfeed.task.TaskService;
import dev.taskfeed.task.TaskStatus;
import dev.taskfeed.task.TaskView;
import dev.taskfeed.user.TaskFeedPrincipal;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

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
 * JavaScript); the list page's script adds the live feed on top.
 */
@PageController
class TaskPages {

	private static final int PAGE_SIZE = 20;

	private final TaskService tasks;

	private final CategoryService categories;

	TaskPages(TaskService tasks, CategoryService categories) {
		this.tasks = tasks;
		this.categories = categories;
	}

	@ModelAttribute("statuses")
	TaskStatus[] statuses() {
		return TaskStatus.values();
	}

	@GetMapping("/tasks")
	String list(@AuthenticationPrincipal TaskFeedPrincipal me, @ModelAttribute("filter") ListFilter filter,
			Model model) {
		model.addAttribute("form", new TaskForm());
		return showList(me, filter, model);
	}

	@PostMapping("/tasks")
	String create(@AuthenticationPrincipal TaskFeedPrincipal me, @Valid @ModelAttribute("form") TaskForm form,
			BindingResult errors, Model model, HttpServletResponse response, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				TaskView task = this.tasks.create(me.id(), form.toNewTask());
				Flash.add(redirect, "flash.taskCreated", task.title());
				return "redirect:/tasks";
			}
			catch (DomainException.InvalidField ex) {
				errors.rejectValue("categoryIds", "task.categoriesInvalid");
			}
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("filter", new ListFilter());
		return showList(me, new ListFilter(), model);
	}

	@GetMapping("/tasks/{id}")
	String detail(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, Model model) {
		model.addAttribute("task", this.tasks.get(me.id(), id));
		return "tasks/detail";
	}

	@GetMapping("/tasks/{id}/edit")
	String editForm(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, Model model) {
		TaskView task = this.tasks.get(me.id(), id);
		model.addAttribute("task", task);
		model.addAttribute("form", TaskForm.of(task));
		model.addAttribute("categories", this.categories.list(me.id(), task.project().id()));
		return "tasks/edit";
	}

	@PostMapping("/tasks/{id}/edit")
	String edit(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id,
			@Valid @ModelAttribute("form") TaskForm form, BindingResult errors, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				TaskView task = this.tasks.update(me.id(), id, form.toPatch(), form.ifMatch());
				Flash.add(redirect, "flash.taskSaved", task.title());
				return "redirect:/tasks/" + id;
			}
			catch (DomainException.StaleVersion ex) {
				errors.reject("task.changedMeanwhile");
			}
			catch (DomainException.InvalidField ex) {
				errors.rejectValue("categoryIds", "task.categoriesInvalid");
			}
		}
		TaskView task = this.tasks.get(me.id(), id);
		response.setStatus(errors.getGlobalErrorCount() > 0 ? HttpServletResponse.SC_CONFLICT
				: HttpServletResponse.SC_BAD_REQUEST);
		// after a conflict the form keeps what was typed, but saving again overwrites the
		// newer version
		form.setVersion(task.version());
		model.addAttribute("task", task);
		model.addAttribute("categories", this.categories.list(me.id(), task.project().id()));
		return "tasks/edit";
	}

	@PostMapping("/tasks/{id}/delete")
	String delete(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
		TaskView task = this.tasks.delete(me.id(), id, null);
		Flash.add(redirect, "flash.taskDeleted", task.title());
		return "redirect:/tasks";
	}

	@GetMapping("/trash")
	String trash(@AuthenticationPrincipal TaskFeedPrincipal me, @RequestParam(required = false) Integer page,
			Model model) {
		TaskPage slice = TaskPage.of(page, PAGE_SIZE, "deletedAt,desc", "deletedAt,desc", List.of("deletedAt"));
		model.addAttribute("tasks", new PagedModel<>(this.tasks.trash(me.id(), null, slice)));
		model.addAttribute("pageLink", UriComponentsBuilder.fromPath("/trash"));
		return "tasks/trash";
	}

	@PostMapping("/trash/{id}/restore")
	String restore(@AuthenticationPrincipal TaskFeedPrincipal me, @PathVariable long id, RedirectAttributes redirect) {
		TaskView task = this.tasks.restore(me.id(), id);
		Flash.add(redirect, "flash.taskRestored", task.title());
		return "redirect:/trash";
	}

	private String showList(TaskFeedPrincipal me, ListFilter filter, Model model) {
		TaskFilter criteria = new TaskFilter(filter.getStatus(), filter.getCategoryId(), filter.text(), null, null);
		TaskPage slice = TaskPage.of(filter.getPage(), PAGE_SIZE, null, "createdAt,desc", TaskPage.SORTABLE);
		model.addAttribute("tasks", new PagedModel<>(this.tasks.list(me.id(), criteria, slice)));
		model.addAttribute("pageLink",
				UriComponentsBuilder.fromPath("/tasks")
					.queryParamIfPresent("status", Optional.ofNullable(filter.getStatus()))
					.queryParamIfPresent("categoryId", Optional.ofNullable(filter.getCategoryId()))
					.queryParamIfPresent("q", Optional.ofNullable(filter.text())));
		model.addAttribute("categories", this.categories.list(me.id(), null));
		return "tasks/list";
	}

	/** The list's query: {@code ?status=&categoryId=&q=&page=}; empty means any. */
	public static class ListFilter {

		private TaskStatus status;

		private Long categoryId;

		private String q;

		private Integer page;

		String text() {
			return (this.q == null || this.q.isBlank()) ? null : this.q.strip();
		}

		public boolean isActive() {
			return this.status != null || this.categoryId != null || text() != null;
		}

		public TaskStatus getStatus() {
			return this.status;
		}

		public void setStatus(TaskStatus status) {
			this.status = status;
		}

		public Long getCategoryId() {
			return this.categoryId;
		}

		public void setCategoryId(Long categoryId) {
			this.categoryId = categoryId;
		}

		public String getQ() {
			return this.q;
		}

		public void setQ(String q) {
			this.q = q;
		}

		public Integer getPage() {
			return this.page;
		}

		public void setPage(Integer page) {
			this.page = page;
		}

	}

}
